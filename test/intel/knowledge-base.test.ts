// The "done when", on the real intel files: one alias-aware actor across ATT&CK, MISP
// galaxies and the Unit 42 playbook; indicators from Unit 42, PwC and signature-base attached;
// sources merged; warninglisted values flagged; retro-hunt; atomic imports.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { matchIndicators } from '../../src/detect/threat-intel/intel-match-query.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { importRealKnowledgeBase } from '../helpers/real-knowledge-base.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

const intel = (rel: string) => sharedData(`intel/${rel}`);

describeWithSharedData('threat knowledge base from the real intel files', ['intel'], () => {
  let dir: string;
  let store: DuckDBStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-kb-'));
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    const imported = await importRealKnowledgeBase(store, sharedData('intel'));
    expect(imported).toEqual({ baseFailed: 0, listsFailed: 0 });
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('menuPass, APT10, Stone Panda, POTASSIUM and Granite Taurus are one actor', async () => {
    const ids = new Set<string>();
    for (const q of [
      'menupass',
      'APT10',
      'Stone Panda',
      'potassium',
      'Granite Taurus',
      'G0045',
      'cloud hopper',
    ]) {
      const found = await store.intel.findEntities(q);
      expect(found[0]?.type, q).toBe('intrusion-set');
      ids.add(found[0]?.id ?? '');
    }
    expect(ids.size).toBe(1);
    const d = await store.intel.entityDetail([...ids][0] ?? '');
    expect(d?.name).toBe('menuPass');
    expect(d?.attackIds).toEqual(['G0045']);
    expect(d?.country).toBe('CN');
    const software = d?.outgoing.filter((l) => l.relationship === 'uses').map((l) => l.name) ?? [];
    expect(software).toEqual(
      expect.arrayContaining(['PlugX', 'RedLeaves', 'ChChes', 'QuasarRAT', 'UPPERCUT']),
    );
    const sources = new Set(d?.indicatorsBySource.map((s) => s.source));
    for (const s of ['unit42-menuPass-iocs', 'pwc-cloud-hopper-iocs-v3', 'c2-iocs'])
      expect(sources, s).toContain(s);
    expect(d?.reports.map((r) => r.name)).toContain('Granite Taurus');
  });

  it('PlugX from ATT&CK, MITRE galaxy, Malpedia and the RAT galaxy is one malware', async () => {
    const found = await store.intel.findEntities('korplug');
    expect(found).toHaveLength(1);
    const d = await store.intel.entityDetail(found[0]?.id ?? '');
    expect(d?.name).toBe('PlugX');
    expect(d?.attackIds).toEqual(['S0013']);
    expect(d?.sources).toEqual(
      expect.arrayContaining(['enterprise-attack.mitre-cti', 'malpedia', 'mitre-malware']),
    );
  });

  it('a value listed by several sources is one indicator that keeps every source', async () => {
    const [row] = await store.query(
      `SELECT value, sources FROM intel_indicators WHERE type = 'domain'
       AND list_contains(sources, 'pwc-cloud-hopper-iocs-v3') AND list_contains(sources, 'c2-iocs') ORDER BY value LIMIT 1`,
    );
    expect(row).toBeDefined();
    const hits = await store.intel.searchIndicators({
      type: 'domain',
      value: String(row?.['value']),
      ipVersion: null,
      ipLo: null,
      ipHi: null,
    });
    expect(hits[0]?.sources.map((s) => s.source)).toEqual(
      expect.arrayContaining(['c2-iocs', 'pwc-cloud-hopper-iocs-v3']),
    );
    expect(hits[0]?.entities.map((e) => e.name)).toContain('menuPass');
  });

  it('flags warninglisted values at import and reports them', async () => {
    const file = path.join(dir, 'mixed-iocs.txt');
    writeFileSync(
      file,
      '# a list that carelessly includes a public resolver\n8.8.8.8\nupdate.cloud-maste[.]com\n',
    );
    const r = await importIntelPaths([file], { store, defaults: { actor: 'APT10' } });
    const c = r.outcomes[0]?.counts;
    expect(c?.warninglisted).toBe(1);
    expect(c?.warninglistedExamples[0]).toEqual({
      value: '8.8.8.8',
      lists: expect.arrayContaining(['public-dns-v4']),
    });
  });

  it('retro-hunts stored telemetry for the new indicators, with subdomains and the actor', async () => {
    const [ip] = await store.query(
      `SELECT value FROM intel_indicators WHERE type = 'ipv4' AND list_contains(sources, 'pwc-cloud-hopper-iocs-v3')
       AND len(warninglists) = 0 ORDER BY value LIMIT 1`,
    );
    const c2ip = String(ip?.['value']);
    const logs = path.join(dir, 'zeek');
    const rec = (o: object) =>
      JSON.stringify({ ts: 1478764800, uid: 'CwTest1', 'id.orig_h': '10.20.0.18', 'id.orig_p': 49152, ...o });
    rmSync(logs, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(logs);
    writeFileSync(
      path.join(logs, 'dns.log'),
      `${rec({ 'id.resp_h': '10.20.0.1', 'id.resp_p': 53, proto: 'udp', query: 'a.update.cloud-maste.com', answers: [c2ip] })}\n`,
    );
    writeFileSync(
      path.join(logs, 'conn.log'),
      `${rec({ 'id.resp_h': c2ip, 'id.resp_p': 443, proto: 'tcp', orig_bytes: 100, resp_bytes: 200 })}\n${rec({ uid: 'CwTest2', 'id.resp_h': '8.8.8.8', 'id.resp_p': 53, proto: 'udp' })}\n`,
    );
    await ingestPaths([logs], { store, sensor: 'test', tmpDir: path.join(dir, 'tmp') });
    const matches = await matchIndicators(store);
    const fields = matches.map((m) => `${m.field} ${m.observed}`).sort();
    expect(fields).toEqual(
      expect.arrayContaining([
        `conn.resp_h ${c2ip}`,
        'dns.query a.update.cloud-maste.com',
        `dns.answers ${c2ip}`,
      ]),
    );
    expect(fields.some((f) => f.includes('8.8.8.8'))).toBe(false);
    expect(matches.every((m) => m.entities.some((e) => e.name === 'menuPass'))).toBe(true);
    const retro = await importIntelPaths([intel('ioc/apt10-2019-ensilo-riduangan.txt')], {
      store,
      retroHunt: (sources) => matchIndicators(store, { sources }),
    });
    expect(retro.retroHunt).toEqual([]);
  });

  it('an import that fails halfway keeps nothing of it and loses nothing else', async () => {
    const before = await store.intel.stats();
    const cut = path.join(dir, 'truncated.stix20.json');
    const text = readFileSync(intel('stix/unit42-playbook-plugx.stix20.json'), 'utf8');
    writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.6)));
    const r = await importIntelPaths([cut], { store });
    expect(r.failed).toBe(1);
    expect(r.outcomes[0]?.error?.message).toMatch(/truncated\.stix20\.json.*(byte|line)/);
    expect(await store.intel.stats()).toEqual(before);
    copyFileSync(intel('stix/unit42-playbook-plugx.stix20.json'), cut);
    expect((await importIntelPaths([cut], { store })).failed).toBe(0);
  });
});
