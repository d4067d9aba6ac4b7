// Attribution against the real knowledge base (ATT&CK, MISP galaxies and warninglists, the Unit 42
// playbook, signature-base, and the Unit 42 and PwC lists imported as APT10's), and the real
// Trickbot week hunted end to end.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attribute, createAttributionCache } from '../../src/attribution/attribute.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { buildIncidents } from '../../src/incidents/build-incidents.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { importRealKnowledgeBase } from '../helpers/real-knowledge-base.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { incident, intelFinding, server } from './fake-kb.js';

describeWithSharedData('attribution on the real knowledge base', () => {
  let dir: string;
  let store: DuckDBStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-attr-'));
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    const imported = await importRealKnowledgeBase(store, sharedData('intel'));
    expect(imported).toEqual({ baseFailed: 0, listsFailed: 0 });
  }, 600_000);
  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('attributes APT10 infrastructure and a ChChes implant from the IOC lists to menuPass (APT10)', async () => {
    const cache = createAttributionCache();
    const names = ['kawasaki.cloud-maste.com', 'wthelpdesk.com'];
    const inc = incident(
      names.map((d) => server(d, [], [d])),
      {
        findings: [
          intelFinding('198.51.100.7', ['fadf362a52dcf884f0d41ce3df9eaa9bb30227afda50c0e0657c096baff501f0']),
        ],
      },
    );
    const a = await attribute({ ...inc, firstSeen: '2019-03-04T00:00:00.000Z' }, store.intel, { cache });
    const top = a.hypotheses[0];
    expect(top?.actor).toBe('menuPass');
    expect(top?.attackId).toBe('G0045');
    expect(top?.aliases).toEqual(expect.arrayContaining(['APT10', 'Stone Panda']));
    expect(top?.probability).toBeGreaterThanOrEqual(0.55);
    expect(a.evidence.some((e) => e.kind === 'malware' && e.actors.includes(top?.actorId ?? ''))).toBe(true);
    expect(a.assessment).toMatch(
      /^We assess it is (likely|very likely|almost certain) \(\d+%\) that menuPass \(APT10/,
    );
    // One name of APT10 alone, with nothing else, is not enough for "likely".
    const one = await attribute(
      incident([server('wthelpdesk.com', [], ['wthelpdesk.com'])], { techniques: [] }),
      store.intel,
      { cache },
    );
    expect(one.hypotheses[0]?.probability).toBeLessThan(top?.probability ?? 0);
    expect(one.confidence).toBe('low');
  });

  it('hunts the Trickbot week into one incident and attributes it only as far as the knowledge base allows', async () => {
    await ingestPaths([sharedData('zeek/mta-trickbot-2018-11-09-week')], {
      store,
      sensor: 'trickbot',
      tmpDir: path.join(dir, 'tmp'),
    });
    const run = await runDetectors({ store });
    const incidents = await buildIncidents(store, run.findings);
    const inc = incidents.find((i) => i.hosts.some((h) => h.ip === '172.16.9.233'));
    expect(inc?.hosts.map((h) => h.ip)).toEqual(expect.arrayContaining(['172.16.9.233', '172.16.9.5']));
    if (!inc) return;
    const a = await attribute(inc, store.intel);
    // Nothing in this knowledge base lists TrickBot's infrastructure or files, so its operators
    // (Wizard Spider, G0102) cannot rise above an actor the knowledge base does not know.
    expect(a.hypotheses[0]?.actor).toBe('unknown');
    expect(a.confidence).toBe('low');
    const wizard = a.hypotheses.find((h) => h.attackId === 'G0102');
    expect(wizard?.probability ?? 0).toBeLessThan(0.2);
    expect(
      a.evidence
        .filter((e) => e.kind === 'infrastructure' || e.kind === 'malware')
        .every((e) => e.likelihoodRatio < 20),
    ).toBe(true);
  }, 300_000);
});
