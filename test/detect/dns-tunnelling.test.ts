// The dns-tunnelling detector on synthetic office DNS: iodine- and dns2tcp-like tunnels among the
// benign names that look like them (hashed CDN labels, anti-virus and blocklist lookups, PTR, SRV,
// mail servers' TXT lookups), seen through an internal resolver.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { provenanceNames } from '../../src/store/schema/column.js';
import { telemetryTables } from '../../src/store/schema/tables.js';
import type { CellValue, IngestBatch } from '../../src/store/store.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-dns-tunnel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A seeded generator, so that every run builds the same names. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(7);
const pick = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
const base32 = 'abcdefghijklmnopqrstuvwxyz234567';
const hex = '0123456789abcdef';
const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const t0 = Date.parse('2024-05-06T08:00:00Z');
const us = (ms: number) => BigInt(Math.round(ms)) * 1000n;
const resolver = '10.0.0.2';
const clients = Array.from({ length: 40 }, (_, i) => `10.0.0.${10 + i}`);

interface Query {
  at: number;
  orig: string;
  query: string | null;
  qtype?: number | null;
  answers?: string[] | null;
  nx?: boolean;
  resp?: string;
  upstream?: boolean;
}

class Writer {
  private n = 0;
  private readonly dnsCols = telemetryTables.dns.columns.filter((c) => !provenanceNames.has(c.name));
  private readonly connCols = telemetryTables.conn.columns.filter((c) => !provenanceNames.has(c.name));
  constructor(private readonly b: IngestBatch) {}

  dns(q: Query): void {
    const qtypeNames: Record<number, string> = {
      1: 'A',
      5: 'CNAME',
      10: 'NULL',
      12: 'PTR',
      16: 'TXT',
      28: 'AAAA',
      33: 'SRV',
    };
    const qtype = q.qtype === undefined ? 1 : q.qtype;
    const r: Record<string, CellValue> = {
      ts: us(t0 + q.at),
      uid: `D${this.n++}`,
      orig_h: q.orig,
      orig_p: 40000 + (this.n % 20000),
      resp_h: q.resp ?? resolver,
      resp_p: 53,
      proto: 'udp',
      query: q.query,
      qtype,
      qtype_name: qtype === null ? null : (qtypeNames[qtype] ?? null),
      rcode: q.nx ? 3 : 0,
      rcode_name: q.nx ? 'NXDOMAIN' : 'NOERROR',
      aa: q.upstream ?? false,
      rd: !q.upstream,
      answers: q.nx ? null : (q.answers ?? null),
    };
    this.b.append(
      'dns',
      this.dnsCols.map((c) => r[c.name] ?? null),
      null,
    );
  }

  conn(at: number, orig: string, resp: string): void {
    const r: Record<string, CellValue> = {
      ts: us(t0 + at),
      uid: `C${this.n++}`,
      orig_h: orig,
      orig_p: 50000,
      resp_h: resp,
      resp_p: 443,
      proto: 'tcp',
      duration: 2,
      orig_bytes: 500,
      resp_bytes: 9000,
    };
    this.b.append(
      'conn',
      this.connCols.map((c) => r[c.name] ?? null),
      null,
    );
  }
}

async function open(name: string, fill: (w: Writer) => void): Promise<DuckDBStore> {
  const store = await DuckDBStore.open({ dataDir: path.join(dir, name) });
  const b = await store.beginBatch({ sensor: 't', sourceFile: `/${name}`, engine: 'zeek' });
  await b.prepare('dns');
  await b.prepare('conn');
  fill(new Writer(b));
  await b.commit();
  return store;
}

const minute = 60_000;
const ip = (i: number) => `198.18.${(i >> 8) & 255}.${i & 255}`;

/** A day of office DNS: the look-alikes, plus whatever `extra` adds. */
function office(w: Writer): void {
  clients.forEach((c, h) => {
    for (let i = 0; i < 30; i++) {
      const at = (h * 37 + i * 29) * minute;
      // Hashed CDN names, answered and then connected to.
      const cf = `d${pick(hex, 13)}.cloudfront.net`;
      w.dns({ at, orig: c, query: cf, answers: [ip(i)] });
      w.conn(at + 100, c, ip(i));
      const ak = `e${1000 + ((h * 31 + i) % 9000)}.a.akamaiedge.net`;
      w.dns({ at: at + 200, orig: c, query: ak, answers: [ip(300 + i)] });
      w.conn(at + 300, c, ip(300 + i));
      // Video CDN host names, unique per request and used.
      const gv = `rr${i % 9}---sn-${pick(base32, 8)}.googlevideo.com`;
      w.dns({ at: at + 400, orig: c, query: gv, answers: [ip(600 + i)] });
      w.conn(at + 500, c, ip(600 + i));
      // AD service lookups and hosts of the internal zone.
      w.dns({
        at: at + 600,
        orig: c,
        query: '_ldap._tcp.dc._msdcs.corp.example.com',
        qtype: 33,
        answers: ['dc1.corp.example.com'],
      });
      w.dns({ at: at + 700, orig: c, query: `fileserver${i % 4}.corp.example.com`, answers: ['10.0.0.3'] });
    }
    // Anti-virus reputation lookups on 30 of the 40 hosts: long hex, answered from 127/8.
    if (h < 30)
      for (let i = 0; i < 150; i++)
        w.dns({
          at: (h * 13 + i * 7) * minute,
          orig: c,
          query: `0.0.0.0.1.0.0.4e.${pick(hex, 26)}.avts.mcafee.com`,
          answers: [`127.0.${i % 3}.1`],
        });
  });
  // One server alone runs another vendor's lookups (no prevalence to lean on).
  for (let i = 0; i < 400; i++)
    w.dns({
      at: i * 3 * minute,
      orig: '10.0.0.6',
      query: `${pick(hex, 40)}.s.sophosxl.net`,
      answers: ['127.0.0.1'],
    });
  // The mail server: blocklist and PTR lookups of every sender, SPF/DKIM/DMARC TXT of their domains.
  for (let i = 0; i < 1000; i++) {
    const octets = [1, 2, 3, 4].map(() => Math.floor(rnd() * 256)).join('.');
    const listed = i % 20 === 0;
    w.dns({
      at: i * minute,
      orig: '10.0.0.5',
      query: `${octets}.zen.spamhaus.org`,
      nx: !listed,
      answers: ['127.0.0.2'],
    });
    w.dns({
      at: i * minute + 50,
      orig: '10.0.0.5',
      query: `${octets}.in-addr.arpa`,
      qtype: 12,
      answers: ['mail.example.net'],
    });
    const domain = `${pick('abcdefghijklmnopqrstuvwxyz', 6 + (i % 5))}mail.com`;
    w.dns({ at: i * minute + 100, orig: '10.0.0.5', query: domain, qtype: 16, answers: ['v=spf1 -all'] });
    w.dns({
      at: i * minute + 150,
      orig: '10.0.0.5',
      query: `selector1._domainkey.${domain}`,
      qtype: 16,
      answers: ['v=DKIM1'],
    });
    w.dns({ at: i * minute + 200, orig: '10.0.0.5', query: `_dmarc.${domain}`, qtype: 16, nx: true });
  }
}

/** iodine: NULL queries, base32 data in two labels under t.<domain>, from one client. */
function iodine(w: Writer, orig: string, view: 'both' | 'resolver' = 'both'): void {
  for (let i = 0; i < 800; i++) {
    const query = `${pick(base32, 63)}.${pick(base32, 30 + (i % 20))}.t.pirate-sea.net`;
    const at = 3 * 60 * minute + i * 900;
    if (view === 'both') w.dns({ at, orig, query, qtype: 10, answers: null });
    // The resolver asking the tunnel's name server (iterative, authoritative answer).
    w.dns({
      at: at + 5,
      orig: resolver,
      resp: '203.0.113.53',
      query,
      qtype: 10,
      answers: null,
      upstream: true,
    });
  }
}

/** dns2tcp: TXT queries with mixed-case base64-like labels under one domain. */
function dns2tcp(w: Writer, orig: string): void {
  for (let i = 0; i < 300; i++)
    w.dns({
      at: 5 * 60 * minute + i * 2000,
      orig,
      query: `${pick(b64, 48)}.${pick(b64, 12)}.hidemyself.org`,
      qtype: 16,
      answers: [`TXT ${pick(b64, 40)}`],
    });
}

describe('dns-tunnelling on synthetic office DNS', () => {
  let store: DuckDBStore;
  let findings: readonly Finding[];
  beforeAll(async () => {
    store = await open('office', (w) => {
      office(w);
      iodine(w, '10.0.0.20');
      dns2tcp(w, '10.0.0.21');
    });
    findings = (await runDetectors({ store, only: ['dns-tunnelling'] })).findings;
  });
  afterAll(async () => store?.close());

  it('reports the iodine and dns2tcp clients high, with the domain and the name server', () => {
    const io = findings.find((f) => f.host === '10.0.0.20');
    expect(io?.endpointDomain).toBe('pirate-sea.net');
    expect(io?.endpointIp).toBe('203.0.113.53');
    expect(io?.score).toBeGreaterThanOrEqual(0.9);
    expect(io?.stats['qtypes']).toEqual(['NULL']);
    expect(io?.explanation).toMatch(
      /^10\.0\.0\.20 sent 800 NULL queries for 800 distinct names under pirate-sea\.net/,
    );
    const d2t = findings.find((f) => f.host === '10.0.0.21');
    expect(d2t?.endpointDomain).toBe('hidemyself.org');
    expect(d2t?.score).toBeGreaterThanOrEqual(0.75);
    expect(d2t?.techniques).toContain('T1071.004');
  });

  it('looks only inside the time window', async () => {
    const before = await runDetectors({
      store,
      only: ['dns-tunnelling'],
      to: new Date(t0 + 2 * 60 * minute).toISOString(),
    });
    expect(before.findings.some((f) => ['10.0.0.20', '10.0.0.21'].includes(f.host))).toBe(false);
    const after = await runDetectors({
      store,
      only: ['dns-tunnelling'],
      from: new Date(t0 + 4 * 60 * minute).toISOString(),
    });
    expect(after.findings.map((f) => f.host)).toEqual(['10.0.0.21']);
  });

  it('does not report the resolver that forwarded the tunnel, nor any look-alike at medium', () => {
    expect(findings.some((f) => f.host === resolver)).toBe(false);
    const others = findings.filter((f) => !['10.0.0.20', '10.0.0.21'].includes(f.host));
    expect(
      others.filter((f) => f.score >= 0.5).map((f) => `${f.host} ${f.endpointDomain} ${f.score}`),
    ).toEqual([]);
  });
});

describe('dns-tunnelling views and bad data', () => {
  it('reports a resolver-only view at the resolver, saying so', async () => {
    const store = await open('resolver-only', (w) => iodine(w, '10.0.0.20', 'resolver'));
    try {
      const { findings } = await runDetectors({ store, only: ['dns-tunnelling'] });
      expect(findings.map((f) => [f.host, f.endpointDomain])).toEqual([[resolver, 'pirate-sea.net']]);
      expect(findings[0]?.explanation).toMatch(/DNS resolver/);
      expect(findings[0]?.score).toBeGreaterThanOrEqual(0.75);
    } finally {
      await store.close();
    }
  });

  it('survives empty stores, null columns and logs without conn', async () => {
    const empty = await open('empty', () => {});
    const connOnly = await open('conn-only', (w) => w.conn(0, '10.0.0.9', '198.51.100.1'));
    const nulls = await open('nulls', (w) => {
      for (let i = 0; i < 50; i++) {
        w.dns({ at: i, orig: '10.0.0.9', query: null, qtype: null });
        w.dns({
          at: i,
          orig: '10.0.0.9',
          query: `${pick(base32, 50)}.x.example.com`,
          qtype: null,
          answers: null,
        });
      }
    });
    try {
      expect((await runDetectors({ store: empty, only: ['dns-tunnelling', 'dga'] })).findings).toEqual([]);
      expect((await runDetectors({ store: connOnly, only: ['dns-tunnelling', 'dga'] })).findings).toEqual([]);
      const found = (await runDetectors({ store: nulls, only: ['dns-tunnelling', 'dga'] })).findings;
      // Long random names but no type, no answers, no conn: shape and half reachability, no more.
      expect(found.every((f) => f.score < 0.5)).toBe(true);
    } finally {
      await empty.close();
      await connOnly.close();
      await nulls.close();
    }
  });
});
