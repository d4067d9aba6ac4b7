// The dga detector on a synthetic office day: one host runs a DGA that finds its C2, while the
// benign sources of NXDOMAIN (Chrome's probes, typos, search suffixes, a dead name asked all day,
// blocklist lookups, a long tail of dead sites) go on around it.
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

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-dga-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
const rnd = prng(11);
const letters = 'abcdefghijklmnopqrstuvwxyz';
const pick = (n: number) => Array.from({ length: n }, () => letters[Math.floor(rnd() * 26)]).join('');

const t0 = Date.parse('2024-05-06T07:00:00Z');
const minute = 60_000;
const us = (ms: number) => BigInt(Math.round(ms)) * 1000n;
const clients = Array.from({ length: 30 }, (_, i) => `10.0.0.${10 + i}`);

class Writer {
  private n = 0;
  private readonly dnsCols = telemetryTables.dns.columns.filter((c) => !provenanceNames.has(c.name));
  private readonly connCols = telemetryTables.conn.columns.filter((c) => !provenanceNames.has(c.name));
  constructor(private readonly b: IngestBatch) {}

  /** An A lookup, failed or answered with `answer`; asked of the resolver, or iteratively of `resp`. */
  lookup(at: number, orig: string, query: string, answer?: string, resp = '10.0.0.2'): void {
    const r: Record<string, CellValue> = {
      ts: us(t0 + at),
      uid: `D${this.n++}`,
      orig_h: orig,
      orig_p: 40000 + (this.n % 20000),
      resp_h: resp,
      resp_p: 53,
      proto: 'udp',
      query,
      qtype: 1,
      qtype_name: 'A',
      rcode: answer ? 0 : 3,
      rcode_name: answer ? 'NOERROR' : 'NXDOMAIN',
      rd: resp === '10.0.0.2',
      answers: answer ? [answer] : null,
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
      duration: 1,
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

const deadSites = [
  'bestpizzadeals.com',
  'oldcompanyportal.net',
  'summerfestival2019.org',
  'myweddingphotos.net',
  'cheapflightsnow.com',
  'localgardenclub.org',
  'techconference-berlin.de',
  'greenvalleyfarm.com',
  'vintagebicycles.co.uk',
  'runningclubnews.org',
  'familyrecipes.net',
  'photographytips.info',
  'citymarathon.com',
  'bookreviewsdaily.com',
  'homebrewsupplies.net',
  'schoolreunion2010.com',
  'freeonlinegames.biz',
  'lakehousefishing.com',
  'sunsetyogastudio.com',
  'downtowndentist.com',
  'mobilerepairshop.net',
  'springconcert.org',
  'weatherstation.info',
  'classiccarclub.org',
  'jazznightlive.com',
];

/** A day of benign failures on every host. */
function office(w: Writer): void {
  clients.forEach((c, h) => {
    for (let k = 0; k < 10; k++) {
      const at = (h * 41 + k * 53) * minute;
      // Chrome's intranet-redirect probes: bare random labels, also with the search suffix appended.
      for (let p = 0; p < 3; p++) {
        const probe = pick(7 + ((h + k + p) % 9));
        w.lookup(at + p * 10, c, probe);
        w.lookup(at + p * 10 + 5, c, `${probe}.corp.example.com`);
      }
      // Search-suffix appending of names that resolve on their own.
      w.lookup(at + 100, c, 'www.google.com.corp.example.com');
      w.lookup(at + 110, c, 'outlook.office365.com.corp.local');
      w.lookup(at + 120, c, 'www.google.com', '142.250.1.1');
      // One retired server everybody still asks for.
      w.lookup(at + 130, c, 'oldfileserver.corp.example.com');
      w.lookup(at + 140, c, 'wpad.corp.example.com');
    }
    // Typos.
    for (const typo of ['gooogle.com', 'facebok.com', 'amazom.com', 'youtub.com', 'linkdin.com'])
      w.lookup(h * 17 * minute + typo.length, c, typo);
  });
  // A browsing host hitting the long tail of dead sites, all day.
  for (const [i, d] of deadSites.entries()) w.lookup(i * 25 * minute, '10.0.0.15', `www.${d}`);
  // Dead ad-tech names with random-looking labels: a handful within an hour.
  for (let i = 0; i < 6; i++) w.lookup(300 * minute + i * 7 * minute, '10.0.0.16', `${pick(10)}.com`);
  // The mail server's blocklist lookups fail for every clean sender.
  for (let i = 0; i < 800; i++) {
    const octets = [1, 2, 3, 4].map(() => Math.floor(rnd() * 256)).join('.');
    w.lookup(i * minute, '10.0.0.5', `${octets}.zen.spamhaus.org`);
  }
}

const tlds = ['com', 'net', 'info'];
const dgaNames = Array.from({ length: 40 }, (_, i) => `${pick(9 + (i % 4))}.${tlds[i % 3]}`);

/**
 * A DGA burst: 40 random names over three TLDs in two minutes; one resolves and is contacted.
 * `forwarder` is a resolver that asks the same names upstream (iteratively), or alone asks them.
 */
function dgaBurst(w: Writer, at: number, view: { client?: string; forwarder?: string }): void {
  dgaNames.forEach((name, i) => {
    if (view.client) w.lookup(at + i * 3000, view.client, name);
    if (view.forwarder) w.lookup(at + i * 3000 + 5, view.forwarder, name, undefined, '198.51.100.1');
  });
  if (view.client) {
    w.lookup(at + 121_000, view.client, 'kqzvhxwplt.net', '203.0.113.77');
    w.conn(at + 122_000, view.client, '203.0.113.77');
  }
}

describe('dga on a synthetic office day', () => {
  let store: DuckDBStore;
  let findings: readonly Finding[];
  beforeAll(async () => {
    store = await open('office', (w) => {
      office(w);
      dgaBurst(w, 9 * 60 * minute, { client: '10.0.0.66' });
    });
    findings = (await runDetectors({ store, only: ['dga'] })).findings;
  });
  afterAll(async () => store?.close());

  it('reports the DGA host high, with the domain it found and its address', () => {
    expect(findings.map((f) => f.host)).toEqual(['10.0.0.66']);
    const f = findings[0];
    expect(f?.score).toBeGreaterThanOrEqual(0.75);
    expect(f?.endpointDomain).toBe('kqzvhxwplt.net');
    expect(f?.endpointIp).toBe('203.0.113.77');
    expect(f?.stats['randomDomains']).toBeGreaterThanOrEqual(38);
    expect(f?.techniques).toEqual(['T1568.002', 'T1483']);
    expect(f?.explanation).toMatch(
      /^10\.0\.0\.66 got NXDOMAIN for 40 domains, \d+ of them random-looking .* the look-alike kqzvhxwplt\.net did resolve \(203\.0\.113\.77\)\.$/,
    );
  });

  it('looks only inside the time window', async () => {
    const { findings: early } = await runDetectors({
      store,
      only: ['dga'],
      to: new Date(t0 + 8 * 60 * minute).toISOString(),
    });
    expect(early).toEqual([]);
  });

  it('keeps the client, not the resolver forwarding its lookups; a resolver-only view names the resolver', async () => {
    const both = await open('resolver-both', (w) => {
      office(w);
      dgaBurst(w, 60 * minute, { client: '10.0.0.66', forwarder: '10.0.0.2' });
    });
    const only = await open('resolver-only', (w) => dgaBurst(w, 60 * minute, { forwarder: '10.0.0.2' }));
    try {
      const found = (await runDetectors({ store: both, only: ['dga'] })).findings;
      expect(found.map((f) => f.host)).toEqual(['10.0.0.66']);
      const alone = (await runDetectors({ store: only, only: ['dga'] })).findings;
      expect(alone.map((f) => f.host)).toEqual(['10.0.0.2']);
      expect(alone[0]?.explanation).toMatch(/DNS resolver/);
      expect(alone[0]?.score).toBeGreaterThanOrEqual(0.5);
    } finally {
      await both.close();
      await only.close();
    }
  });
});
