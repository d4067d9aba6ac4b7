// M5 (issue 12): a feed must not make over-broad or non-public address blocks live indicators.
// One bundle with 0.0.0.0/0 made a critical incident of every host, internal ones included.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { matchIndicators } from '../../src/detect/threat-intel/intel-match-query.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { indicatorRow } from '../../src/intel/import-rows.js';
import { refusalOf } from '../../src/net/live-scope.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const hostile = ['0.0.0.0/0', '::/0', '128.0.0.0/1', '10.0.0.0/8', '10.1.2.3', '192.168.1.0/24'];

function stixBundle(values: readonly string[]): string {
  const objects = values.map((v, n) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${u(n + 1)}`,
    created: '2020-01-01T00:00:00.000Z',
    modified: '2020-01-01T00:00:00.000Z',
    pattern_type: 'stix',
    valid_from: '2000-01-01T00:00:00Z',
    pattern: `[${v.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = '${v}']`,
  }));
  return JSON.stringify({ type: 'bundle', id: `bundle--${u(999)}`, objects });
}

describe('M5: over-broad and non-public address indicators', () => {
  let dir: string;
  let store: DuckDBStore;
  const file = (name: string, body: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, body);
    return p;
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-intel-scope-'));
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    mkdirSync(path.join(dir, 'zeek'));
    const conn = (uid: string, orig: string, resp: string) =>
      JSON.stringify({
        ts: 1600000000,
        uid,
        'id.orig_h': orig,
        'id.orig_p': 50000,
        'id.resp_h': resp,
        'id.resp_p': 443,
        proto: 'tcp',
        orig_bytes: 10,
        resp_bytes: 20,
      });
    writeFileSync(
      path.join(dir, 'zeek', 'conn.log'),
      [
        conn('C1', '10.1.0.5', '203.0.113.79'),
        conn('C2', '10.1.0.6', '198.51.100.20'),
        conn('C3', '10.1.0.7', '10.1.2.3'),
        conn('C4', '10.1.0.8', '11.22.33.44'),
      ].join('\n'),
    );
    await ingestPaths([path.join(dir, 'zeek')], { store, sensor: 's', tmpDir: path.join(dir, 'tmp') });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('M5: refuses /0, /1, private, loopback, multicast and CGNAT; keeps documentation and public ranges', () => {
    for (const [type, v] of [
      ['cidr', '0.0.0.0/0'],
      ['cidr', '::/0'],
      ['cidr', '128.0.0.0/1'],
      ['cidr', '11.0.0.0/8'],
      ['cidr', '2a00::/16'],
      ['cidr', '10.0.0.0/8'],
      ['ipv4', '10.1.2.3'],
      ['ipv4', '127.0.0.1'],
      ['ipv4', '169.254.1.1'],
      ['ipv4', '100.64.3.4'],
      ['ipv4', '224.0.0.251'],
      ['ipv4', '255.255.255.255'],
      ['ipv6', '::1'],
      ['ipv6', 'fe80::1'],
      ['ipv6', 'fd00::5'],
      ['ipv6', 'ff02::1'],
    ] as const)
      expect(refusalOf(type, v), v).not.toBeNull();
    for (const [type, v] of [
      ['ipv4', '203.0.113.79'],
      ['cidr', '198.51.100.0/24'],
      ['cidr', '45.32.0.0/16'],
      ['ipv6', '2001:db8::1'],
      ['cidr', '2a00:1450::/32'],
      ['domain', 'evil.example'],
    ] as const)
      expect(refusalOf(type, v), v).toBeNull();
    expect(refusalOf('cidr', '11.0.0.0/8', { minPrefixV4: 8, minPrefixV6: 32 })).toBeNull();
  });

  it('M5: every importer keeps refused values as observables and counts them in the summary', async () => {
    const stix = file('broad.json', stixBundle([...hostile, '203.0.113.79']));
    const misp = file(
      'event.json',
      JSON.stringify({
        Event: {
          uuid: u(500),
          info: 'broad event',
          Attribute: ['0.0.0.0/0', '172.16.0.0/12', '198.51.100.20'].map((v, n) => ({
            uuid: u(600 + n),
            type: 'ip-dst',
            value: v,
            to_ids: true,
          })),
        },
      }),
    );
    const list = file('iocs.txt', '# feed\n0.0.0.0/1\n127.0.0.1\n203.0.113.80\n');
    const report = file('report.md', '# Report\n\nThe C2 was 192.168.56.10 and later 45.77.1.2.\n');
    const r = await importIntelPaths([stix, misp, list, report], { store });
    const by = (src: string) => r.outcomes.find((o) => o.source === src);
    expect(r.failed).toBe(0);
    expect(by('broad')?.refusedIndicators).toBe(hostile.length);
    expect(by('event')?.refusedIndicators).toBe(2);
    expect(by('iocs')?.refusedIndicators).toBe(2);
    // Report prose extraction already leaves private addresses out before they become indicators.
    expect(by('report')?.refusedIndicators).toBe(0);
    expect(by('broad')?.refusedExamples[0]).toEqual({
      value: '0.0.0.0/0',
      reason: expect.stringContaining('/0 is wider than the IPv4 limit /16'),
    });
    const live = await store.query(`SELECT value FROM intel_indicators ORDER BY value`);
    expect(live.map((x) => x['value'])).toEqual([
      '198.51.100.20',
      '203.0.113.79',
      '203.0.113.80',
      '45.77.1.2',
    ]);
    const kept = await store.query(
      `SELECT value FROM intel_observables WHERE source = 'broad' ORDER BY value`,
    );
    expect(kept.map((x) => x['value'])).toEqual([...hostile].sort());
  });

  it('M5: detection matches only the public indicators, never every host', async () => {
    const matches = await matchIndicators(store);
    expect(new Set(matches.map((m) => m.observed))).toEqual(new Set(['203.0.113.79', '198.51.100.20']));
    const run = await runDetectors({ store, only: ['threat-intel'] });
    expect(new Set(run.findings.map((f) => f.host))).toEqual(new Set(['10.1.0.5', '10.1.0.6']));
  });

  it('M5: a store that already holds /0 and private indicators does not match them', async () => {
    // Written as an older build did, without the import-time check.
    const w = await store.intel.beginImport({ source: 'legacy', kind: 'stix', path: '/legacy', digest: 'x' });
    await w.addIndicators(
      ['0.0.0.0/0', '10.1.2.3', '11.0.0.0/8'].map((value, n) =>
        indicatorRow({ ref: `old-${n}`, type: value.includes('/') ? 'cidr' : 'ipv4', value }, undefined),
      ),
    );
    await w.commit(new Map());
    await store.query(`UPDATE intel_sources SET counts = '{}' WHERE source = 'legacy'`);
    const matches = await matchIndicators(store, { sources: ['legacy'] });
    expect(matches).toEqual([]);
  });

  it('M5: a looser --min-prefix-v4 is honoured at import and when matching', async () => {
    const p = file('wide.json', stixBundle(['11.0.0.0/8']));
    const r = await importIntelPaths([p], { store, liveScope: { minPrefixV4: 8, minPrefixV6: 32 } });
    expect(r.outcomes[0]?.refusedIndicators).toBe(0);
    const matches = await matchIndicators(store, { sources: ['wide'] });
    expect(matches.map((m) => m.observed)).toEqual(['11.22.33.44']);
  });
});
