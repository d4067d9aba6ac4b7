// The suricata-alerts detector on real Suricata output: an exposed host under internet background
// scanning (SLIPS test 6), and sample alerts of infected workstations (FIRST 2015, WRCCDC 2018)
// linked to a small knowledge base of the families their signatures name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

async function openWith(dir: string, files: readonly string[], alerts: number): Promise<DuckDBStore> {
  const store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
  const run = await ingestPaths(files, { store, sensor: 'eve', tmpDir: path.join(dir, 'tmp') });
  expect(run.rowsByTable['alerts']).toBe(alerts);
  return store;
}

describeWithSharedData('suricata-alerts on an exposed host scanned from the internet', () => {
  let dir: string;
  let store: DuckDBStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-alerts-slips-'));
    store = await openWith(dir, [sharedData('suricata/slips-test6-malicious.eve.json')], 745);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns 745 inbound reputation and scan alerts into at most 10 low findings', async () => {
    const { findings } = await runDetectors({ store, only: ['suricata-alerts'] });
    expect(findings).toHaveLength(10);
    for (const f of findings) {
      expect(f.host).toBe('192.168.1.129');
      expect(f.stats['direction']).toBe('inbound');
      expect(f.score).toBeLessThan(0.5);
      expect(f.stats['inboundSources']).toBeGreaterThan(300);
    }
    // The only exploit attempts (a D-Link HNAP command injection with wget) come first.
    expect(findings[0]?.endpointIp).toBe('112.249.236.129');
    expect(findings[0]?.techniques).toEqual(['T1190']);
    expect(findings[1]?.explanation).toMatch(
      /Poor Reputation IP .* \d+ times .* external sources set off inbound alerts/,
    );
  });
});

/** The families the sampled signatures name, plus a trap: Cobalt Strike's alias BEACON. */
function writeGalaxy(dir: string): string {
  const file = path.join(dir, 'families.json');
  const names: [string, string[]][] = [
    ['Miuref', []],
    ['Boaxxe', []],
    ['Poweliks', []],
    ['Nanocore RAT', ['Nancrat', 'NanoCore']],
    ['HxDef', ['HacDef', 'HackerDefender']],
    ['Zeus', ['Zbot']],
    ['Cobalt Strike', ['BEACON', 'CobaltStrike']],
  ];
  const values = names.map(([value, synonyms], i) => ({
    value,
    uuid: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    meta: { synonyms },
  }));
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Families',
      type: 'malpedia',
      uuid: '10000000-0000-4000-8000-999999999999',
      values,
    }),
  );
  return file;
}

describeWithSharedData('suricata-alerts on sampled alerts of infected hosts', () => {
  let dir: string;
  let store: DuckDBStore;
  let findings: readonly Finding[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-alerts-sampler-'));
    store = await openWith(
      dir,
      [
        sharedData('suricata/alerts-sampler/first-org-conf-2015.alerts-only.json'),
        sharedData('suricata/alerts-sampler/wrccdc-2018.alerts-only.json'),
      ],
      136 + 207,
    );
    expect((await importIntelPaths([writeGalaxy(dir)], { store })).failed).toBe(0);
    findings = (await runDetectors({ store, only: ['suricata-alerts'] })).findings;
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links the families named by check-in and C2 signatures and rates them high', () => {
    const linked = (endpoint: string) => findings.find((f) => f.endpointIp === endpoint);
    for (const [host, endpoint, families] of [
      ['192.168.0.53', '193.9.28.35', ['Miuref', 'Boaxxe']],
      ['192.168.0.53', '88.214.241.199', ['Poweliks']],
      ['192.168.0.53', '71.95.164.42', ['Nanocore RAT']],
      ['10.47.46.200', '198.54.117.200', ['Zeus']],
    ] as const) {
      const f = linked(endpoint);
      expect(f?.host, endpoint).toBe(host);
      expect(f?.links.map((l) => l.name).sort(), endpoint).toEqual([...families].sort());
      expect(f?.severity, endpoint).toBe('high');
      expect(f?.stats['direction'], endpoint).toBe('outbound');
    }
    expect(linked('193.9.28.35')?.explanation).toMatch(
      /^192\.168\.0\.53 → 193\.9\.28\.35 \(port 80\): Suricata raised "ET TROJAN Miuref\/Boaxxe Checkin" .*the signature names Miuref and Boaxxe, known to the knowledge base\.$/,
    );
    expect(linked('71.95.164.42')?.explanation).toMatch(
      /the signature names NanoCore \(Nanocore RAT in the knowledge base\)/,
    );
  });

  it('links no family through generic words, and keeps the top of the list for infected workstations', () => {
    expect(findings.some((f) => f.links.some((l) => l.name === 'Cobalt Strike'))).toBe(false);
    const top = findings.slice(0, 6);
    expect(top.every((f) => f.stats['direction'] === 'outbound')).toBe(true);
    // Attempts from the internet stay medium at most.
    for (const f of findings.filter((x) => x.stats['direction'] === 'inbound'))
      expect(f.score).toBeLessThan(0.75);
  });
});
