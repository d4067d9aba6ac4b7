// Internal C2: a red-team lab whose C2 sits in private address space (10.2.0.5, 192.168.56.10).
// With the default internal networks it is internal traffic and nothing; with `--internal` narrowed
// to the lab's hosts it is one incident with both servers as C2, whatever the rfc1918 warninglist says.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { buildIncidents } from '../../src/incidents/build-incidents.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { tryIpRange } from '../../src/net/ip-range.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { type ConnRecord, writeConnLog } from '../helpers/zeek-log-writer.js';

const victim = '10.1.0.20';
const start = Date.parse('2024-05-01T06:00:00Z') / 1000;

function lab(): ConnRecord[] {
  const out: ConnRecord[] = [];
  let seed = 11;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  // A check-in every 5 minutes ±20% for 14 hours.
  for (let t = start; t < start + 14 * 3600; t += 300 * (1 + (rand() * 2 - 1) * 0.2))
    out.push({
      ts: t,
      orig: victim,
      resp: '10.2.0.5',
      port: 8080,
      service: 'http',
      duration: 0.4,
      out: 310,
      in: 920,
    });
  // An operator's session, held for 7 hours.
  out.push({
    ts: start + 3600,
    orig: victim,
    resp: '192.168.56.10',
    port: 4444,
    duration: 7 * 3600,
    out: 9e5,
    in: 4e6,
  });
  // The lab's other hosts use its DNS and file server, as the victim does.
  for (const h of [victim, '10.1.0.21', '10.1.0.22', '10.1.0.23'])
    for (let t = start; t < start + 14 * 3600; t += 1800) {
      out.push({
        ts: t,
        orig: h,
        resp: '10.1.0.2',
        port: 53,
        proto: 'udp',
        service: 'dns',
        duration: 0.01,
        out: 40,
        in: 90,
      });
      out.push({
        ts: t + 5,
        orig: h,
        resp: '10.1.0.3',
        port: 445,
        service: 'smb',
        duration: 2,
        out: 900,
        in: 5000,
      });
    }
  return out.sort((a, b) => a.ts - b.ts);
}

describe('internal C2 with --internal narrowed', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-internal-c2-'));
  let store: DuckDBStore;
  beforeAll(async () => {
    mkdirSync(path.join(dir, 'logs'));
    writeConnLog(path.join(dir, 'logs', 'conn.log'), lab());
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    await ingestPaths([path.join(dir, 'logs')], { store, sensor: 'lab', tmpDir: path.join(dir, 'tmp') });
    // The MISP rfc1918 list, as `update-intel` stores it: it must not hide a C2 outside --internal.
    const w = await store.intel.beginImport({ source: 'wl', kind: 'warninglist', path: '/wl', digest: 'wl' });
    const cidrs = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
    await w.addWarninglist({
      name: 'rfc1918',
      description: 'private address space',
      version: '1',
      matchType: 'cidr',
      category: 'false-positive',
      matchingAttributes: ['ip-dst'],
      scope: ['ipv4', 'cidr'],
      suppresses: true,
      entries: cidrs.map((c) => {
        const r = tryIpRange(c);
        return { value: c, ipVersion: 4, ipLo: r?.lo ?? null, ipHi: r?.hi ?? null };
      }),
    });
    await w.commit(new Map());
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing with the default internal networks: all of it is internal traffic', async () => {
    const run = await runDetectors({ store });
    expect(run.findings.filter((f) => f.score >= 0.5)).toEqual([]);
    expect(await buildIncidents(store, run.findings)).toEqual([]);
  });

  it('makes the private C2 servers external for every detector, incidents and their roles', async () => {
    const internal = ['10.1.0.0/16'];
    const run = await runDetectors({ store, internal });
    const strong = run.findings.filter((f) => f.score >= 0.5);
    expect(new Set(strong.map((f) => f.host))).toEqual(new Set([victim]));
    expect(new Set(strong.map((f) => f.endpointIp))).toEqual(new Set(['10.2.0.5', '192.168.56.10']));
    expect(strong.some((f) => f.detector === 'beaconing')).toBe(true);
    expect(strong.some((f) => f.detector === 'long-connections')).toBe(true);
    expect(run.findings.filter((f) => f.stats['warninglists'])).toEqual([]);
    const incidents = await buildIncidents(store, run.findings, { internal });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.hosts.map((h) => h.ip)).toEqual([victim]);
    expect(incidents[0]?.servers.map((s) => [s.key, s.role]).sort()).toEqual([
      ['10.2.0.5', 'c2'],
      ['192.168.56.10', 'c2'],
    ]);
    expect(incidents[0]?.servers.flatMap((s) => s.warninglists)).toEqual([]);
  });
});
