// The rare-destinations detector on a synthetic office of 30 hosts over three days: two slow C2
// channels appear on day 2 (one by name, one by bare address) among the look-alikes that must stay
// quiet or low: a popular site, CDN subdomains, QUIC to per-host edge addresses, a niche updater
// running since day 1, a habitual daytime site, one-off browsing, an intranet name, internal servers
// and multicast.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import type { TelemetryTableName } from '../../src/store/schema/tables.js';
import type { CellValue, IngestBatch } from '../../src/store/store.js';
import { appendRecord } from '../helpers/telemetry-row.js';

const t0 = Date.parse('2024-05-06T00:00:00Z');
const hour = 3_600_000;
const day = 24 * hour;
const us = (ms: number) => BigInt(Math.round(ms)) * 1000n;
const hosts = Array.from({ length: 30 }, (_, i) => `10.0.0.${10 + i}`);

/** Appends rows by column name, with the conn row every TLS session also has. */
class Rows {
  private n = 0;
  constructor(private readonly b: IngestBatch) {}
  private put(table: TelemetryTableName, r: Record<string, CellValue>): void {
    appendRecord(this.b, table, r);
  }
  conn(at: number, orig: string, resp: string, port = 443, proto = 'tcp'): string {
    const uid = `C${this.n++}`;
    this.put('conn', {
      ts: us(at),
      uid,
      orig_h: orig,
      orig_p: 50000,
      resp_h: resp,
      resp_p: port,
      proto,
      duration: 1.5,
      orig_bytes: 400,
      resp_bytes: 2000,
      conn_state: 'SF',
    });
    return uid;
  }
  tls(at: number, orig: string, resp: string, sni: string): void {
    const uid = this.conn(at, orig, resp);
    this.put('ssl', {
      ts: us(at),
      uid,
      orig_h: orig,
      orig_p: 50000,
      resp_h: resp,
      resp_p: 443,
      server_name: sni,
    });
  }
  lookup(at: number, orig: string, query: string, answer: string): void {
    this.put('dns', {
      ts: us(at - 50),
      uid: `D${this.n++}`,
      orig_h: orig,
      orig_p: 40000,
      resp_h: '10.0.0.2',
      resp_p: 53,
      proto: 'udp',
      query,
      answers: [answer],
    });
  }
}

/** Every `every` ms from `from` to `to`, ±30% jitter (deterministic). */
function schedule(from: number, to: number, every: number): number[] {
  const out: number[] = [];
  let k = 0;
  for (let t = from; t < to; k++) {
    out.push(t);
    t += every * (0.7 + 0.6 * (((k * 7919) % 100) / 100));
  }
  return out;
}

describe('rare-destinations', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-rare-'));
  let store: DuckDBStore;
  let findings: readonly Finding[];
  const of = (host: string, endpoint: string) =>
    findings.filter((f) => f.host === host && (f.endpointIp === endpoint || f.endpointDomain === endpoint));

  beforeAll(async () => {
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    const b = await store.beginBatch({ sensor: 't', sourceFile: '/x', engine: 'zeek' });
    for (const t of ['conn', 'dns', 'ssl'] as const) await b.prepare(t);
    const w = new Rows(b);
    // Everyone browses a popular site and a video CDN (each host its own edge name) by day.
    for (let d = 0; d < 3; d++)
      for (const [i, h] of hosts.entries())
        for (let k = 8; k < 18; k += 2) {
          const at = t0 + d * day + k * hour + i * 60_000;
          w.lookup(at, h, 'www.popular.example', '192.0.2.10');
          w.tls(at, h, '192.0.2.10', 'www.popular.example');
          w.tls(at + 1000, h, `192.0.2.${100 + i}`, `r${i}---sn-${d}.cdnvideo.example`);
        }
    // Slow C2 by name from day 2 on, about every 40 minutes around the clock.
    for (const at of schedule(t0 + day + 5 * hour, t0 + 3 * day, 40 * 60_000)) {
      w.lookup(at, '10.0.0.17', 'cdn.evil-updates.example', '198.51.100.66');
      w.tls(at, '10.0.0.17', '198.51.100.66', 'cdn.evil-updates.example');
    }
    // Slow C2 by address from day 2 on, about hourly.
    for (const at of schedule(t0 + day + 9 * hour, t0 + 3 * day, hour))
      w.conn(at, '10.0.0.18', '203.0.113.77', 8443);
    // A niche updater on one host, hourly since day 1: rare and persistent, but not new.
    for (const at of schedule(t0 + 600_000, t0 + 3 * day, hour)) {
      w.lookup(at, '10.0.0.19', 'updates.nicheapp.example', '198.51.100.20');
      w.tls(at, '10.0.0.19', '198.51.100.20', 'updates.nicheapp.example');
    }
    // A habitual daytime site: new on day 2, visited in working hours only.
    for (let d = 1; d < 3; d++)
      for (let k = 9; k < 17; k++)
        w.tls(t0 + d * day + k * hour, '10.0.0.20', '198.51.100.30', 'blog.niche.example');
    // QUIC to a popular service: each host resolves it to its own edge address, from day 2 on.
    for (const [i, h] of hosts.entries())
      for (const at of schedule(t0 + day + i * 60_000, t0 + 3 * day, hour)) {
        w.lookup(at, h, 'edge.popular-cdn.example', `192.0.2.${150 + i}`);
        w.conn(at, h, `192.0.2.${150 + i}`, 443, 'udp');
      }
    // One-off browsing of 20 new sites.
    for (let k = 0; k < 20; k++)
      w.tls(
        t0 + day + 10 * hour + k * 60_000,
        '10.0.0.21',
        `198.51.100.${150 + k}`,
        `site${k}.longtail.example`,
      );
    // An intranet name, an internal server and mDNS, all asked or reached around the clock.
    for (const at of schedule(t0 + day, t0 + 3 * day, hour)) {
      w.lookup(at, '10.0.0.22', 'files.intranet-corp.example', '10.0.0.50');
      w.tls(at, '10.0.0.22', '10.0.0.50', 'files.intranet-corp.example');
      w.conn(at, '10.0.0.23', '10.0.0.200', 445);
      w.conn(at, '10.0.0.24', '224.0.0.251', 5353, 'udp');
    }
    await b.commit();
    findings = (await runDetectors({ store, only: ['rare-destinations'] })).findings;
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a new, rare, round-the-clock name as medium, once, with the address behind it', () => {
    const [c2, ...more] = of('10.0.0.17', 'evil-updates.example');
    expect(more).toEqual([]);
    expect(c2?.severity).toBe('medium');
    expect(c2?.score).toBeGreaterThanOrEqual(0.6);
    expect(c2?.endpointIp).toBe('198.51.100.66');
    expect(c2?.stats['names']).toEqual(['cdn.evil-updates.example']);
    expect(c2?.stats['lookups']).toBeGreaterThan(40);
    expect(c2?.explanation).toMatch(
      /^10\.0\.0\.17 came back to evil-updates\.example .*no other internal host/,
    );
    expect(of('10.0.0.17', '198.51.100.66').filter((f) => f.endpointDomain === null)).toEqual([]);
  });

  it('reports a new, rare, round-the-clock bare address as medium', () => {
    const [c2] = of('10.0.0.18', '203.0.113.77');
    expect(c2?.severity).toBe('medium');
    expect(c2?.stats['kind']).toBe('ip');
    expect(c2?.bytesOut).toBeGreaterThan(0);
    expect(c2?.stats['ports']).toEqual(['8443']);
  });

  it('keeps a niche updater running since the start low, and a daytime habit or one-off browsing under medium', () => {
    const updater = of('10.0.0.19', 'nicheapp.example');
    expect(updater.map((f) => f.severity)).toEqual(['low']);
    expect(updater[0]?.stats['newness']).toBe(0);
    expect(of('10.0.0.20', 'niche.example').every((f) => f.score < 0.5)).toBe(true);
    expect(findings.filter((f) => f.host === '10.0.0.21')).toEqual([]);
  });

  it('never reports popular sites, CDN edges (TLS or QUIC), intranet names, internal servers or multicast', () => {
    const quiet = [
      'popular.example',
      'cdnvideo.example',
      'intranet-corp.example',
      '10.0.0.200',
      '224.0.0.251',
    ];
    expect(findings.filter((f) => quiet.some((q) => f.endpointDomain === q || f.endpointIp === q))).toEqual(
      [],
    );
    expect(findings.every((f) => !f.endpointIp?.startsWith('192.0.2.'))).toBe(true);
    expect(findings.every((f) => f.score >= 0.3)).toBe(true);
  });

  it('looks only at the window asked for', async () => {
    const day1 = { from: new Date(t0).toISOString(), to: new Date(t0 + day - 1).toISOString() };
    const early = (await runDetectors({ store, only: ['rare-destinations'], ...day1 })).findings;
    expect(early.map((f) => f.host)).toEqual(['10.0.0.19']);
  });

  it('finds nothing in an empty store or one with DNS only', async () => {
    const empty = await DuckDBStore.open({ dataDir: path.join(dir, 'empty') });
    try {
      expect((await runDetectors({ store: empty, only: ['rare-destinations'] })).findings).toEqual([]);
      const b = await empty.beginBatch({ sensor: 't', sourceFile: '/y', engine: 'zeek' });
      await b.prepare('dns');
      new Rows(b).lookup(t0, '10.0.0.5', 'example.org', '192.0.2.1');
      await b.commit();
      expect((await runDetectors({ store: empty, only: ['rare-destinations'] })).findings).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
