// The tls-http-oddities detector on a synthetic office day with TLS and HTTP logs but no conn log:
// a Trickbot-style self-signed C2, a Host-less beacon with a misspelt user agent, POSTs to bare
// addresses, a stable rare client on a self-signed server and a beacon through a proxy, among the
// look-alikes that must stay quiet: Chrome's shuffled JA3s, a one-host updater, an internal server's
// self-signed certificate, OCSP and captive-portal POSTs, and a popular site's expired certificate.
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

const t0 = Date.parse('2024-05-06T08:00:00Z');
const us = (ms: number) => BigInt(Math.round(ms)) * 1000n;
const hosts = Array.from({ length: 30 }, (_, i) => `10.0.0.${30 + i}`);
const chrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

class Rows {
  private n = 0;
  constructor(private readonly b: IngestBatch) {}
  private put(table: TelemetryTableName, r: Record<string, CellValue>): void {
    appendRecord(this.b, table, r);
  }
  tls(at: number, orig: string, resp: string, r: Record<string, CellValue> = {}): void {
    this.put('ssl', {
      ts: us(at),
      uid: `S${this.n++}`,
      orig_h: orig,
      orig_p: 50000,
      resp_h: resp,
      resp_p: 443,
      ...r,
    });
  }
  http(at: number, orig: string, resp: string, r: Record<string, CellValue> = {}): void {
    this.put('http', {
      ts: us(at),
      uid: `H${this.n++}`,
      orig_h: orig,
      orig_p: 50000,
      resp_h: resp,
      resp_p: 80,
      method: 'GET',
      uri: '/',
      version: '1.1',
      user_agent: chrome,
      ...r,
    });
  }
  cert(fingerprint: string, subject: string, issuer: string, notAfter: number): void {
    this.put('x509', {
      ts: us(t0),
      fingerprint,
      subject,
      issuer,
      not_valid_before: us(t0 - 400 * 86_400_000),
      not_valid_after: us(notAfter),
    });
  }
}

const every = (n: number, gap: number, from = t0) => Array.from({ length: n }, (_, k) => from + k * gap);
const widgits = 'O=Internet Widgits Pty Ltd,ST=Some-State,C=AU';

describe('tls-http-oddities', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-odd-'));
  let store: DuckDBStore;
  let findings: readonly Finding[];
  const of = (host: string) => findings.filter((f) => f.host === host);

  beforeAll(async () => {
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    const b = await store.beginBatch({ sensor: 't', sourceFile: '/x', engine: 'zeek' });
    for (const t of ['ssl', 'http', 'x509'] as const) await b.prepare(t);
    const w = new Rows(b);
    w.cert('fp-widgits', widgits, widgits, t0 + 300 * 86_400_000);
    w.cert('fp-popular', 'CN=www.popular.example', 'CN=Some Public CA', t0 - 86_400_000);
    w.cert('fp-nas', 'CN=nas.local', 'CN=nas.local', t0 + 300 * 86_400_000);
    // Everyone browses with Chrome, whose JA3 differs on every connection, to a site whose
    // certificate expired yesterday; and reaches the internal NAS with its self-signed certificate.
    for (const [i, h] of hosts.entries())
      for (const [k, at] of every(12, 600_000, t0 + i * 1000).entries()) {
        const ja3 = `chrome-${i}-${k}`;
        w.tls(at, h, '192.0.2.10', {
          server_name: 'www.popular.example',
          ja3,
          cert_chain_fps: ['fp-popular'],
        });
        w.tls(at + 10, h, '10.0.0.250', { server_name: 'nas.local', ja3, cert_chain_fps: ['fp-nas'] });
        w.http(at + 20, h, '192.0.2.10', { host: 'www.popular.example' });
      }
    // Trickbot-style C2: a bare address on 449, an OpenSSL default certificate.
    for (const at of every(30, 1_200_000))
      w.tls(at, '10.0.0.31', '203.0.113.5', { resp_p: 449, cert_chain_fps: ['fp-widgits'], ja3: 'trick' });
    // RITA's beacon: no Host, a user agent misspelling Mozilla.
    for (const at of every(50, 600_000))
      w.http(at, '10.0.0.32', '203.0.113.9', { host: '', user_agent: 'Modzilla/0.0001 (Atari 7800)' });
    // Kovter-style POSTs to a bare address with an old IE user agent only this host sends.
    const ie7 = 'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/4.0)';
    for (const at of every(40, 900_000))
      w.http(at, '10.0.0.33', '198.51.100.7', { method: 'POST', host: '198.51.100.7', user_agent: ie7 });
    // Old-Zeek style: the validation status and subject in ssl.log, a stable client only this host has.
    for (const at of every(20, 1_800_000))
      w.tls(at, '10.0.0.34', '198.51.100.99', {
        validation_status: 'self signed certificate',
        subject: 'O=AirFM,L=Pest,C=HU',
        issuer: 'O=AirFM,L=Pest,C=HU',
        ja3: 'custom-client',
      });
    // A beacon through the internal proxy: CONNECT with a misspelt user agent, and TLS inside it.
    for (const at of every(30, 1_200_000)) {
      const uid = `P${at}`;
      const r = {
        uid,
        resp_p: 3128,
        method: 'CONNECT',
        host: 'www.honest.example',
        uri: 'www.honest.example:443',
      };
      w.http(at, '10.0.0.35', '10.0.0.3', { ...r, user_agent: 'Modzilla/-2.0 (Atari 7800)' });
      w.tls(at, '10.0.0.35', '10.0.0.3', { uid, resp_p: 3128, server_name: 'www.honest.example' });
    }
    // One host's updater, by name, with its own user agent: rare, and nothing else.
    for (const at of every(24, 3_600_000))
      w.http(at, '10.0.0.36', '198.51.100.40', {
        host: 'updates.vendor.example',
        user_agent: 'VendorUpdater/3.2',
      });
    // OCSP POSTs to a bare address, and one captive-portal login POST.
    for (const at of every(30, 600_000))
      w.http(at, '10.0.0.37', '192.0.2.50', {
        method: 'POST',
        host: '192.0.2.50',
        uri: '/',
        orig_mime_types: ['application/ocsp-request'],
      });
    w.http(t0, '10.0.0.38', '198.51.100.80', { method: 'POST', host: '198.51.100.80', uri: '/login' });
    await b.commit();
    findings = (await runDetectors({ store, only: ['tls-http-oddities'] })).findings;
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a self-signed default certificate on a bare address as medium, from x509 alone', () => {
    const [c2] = of('10.0.0.31');
    expect(c2?.endpointIp).toBe('203.0.113.5');
    expect(c2?.severity).toBe('medium');
    expect(c2?.stats['oddities']).toEqual(['selfSigned', 'placeholderCert', 'noSni', 'rareFingerprint']);
    expect(c2?.stats['certSubject']).toBe(widgits);
    expect(c2?.techniques).toContain('T1587.003');
    expect(c2?.connections).toBe(30);
    expect(c2?.bytesOut).toBeNull();
  });

  it('reports the Host-less beacon with a misspelt user agent as medium', () => {
    const [beacon] = of('10.0.0.32');
    expect(beacon?.score).toBeGreaterThan(0.65);
    expect(beacon?.stats['oddities']).toEqual(['missingHost', 'rareUserAgent', 'mimicUserAgent']);
    expect(beacon?.explanation).toMatch(
      /no Host header \(all 50 requests\).*"Modzilla\/0\.0001 \(Atari 7800\)"/,
    );
    expect(beacon?.techniques).toEqual(['T1071.001']);
  });

  it('reports POSTs to a bare address with a one-host user agent, and a stable rare client on a self-signed server', () => {
    expect(of('10.0.0.33').map((f) => [f.endpointIp, f.severity])).toEqual([['198.51.100.7', 'medium']]);
    const [tls] = of('10.0.0.34');
    expect(tls?.stats['oddities']).toEqual(['selfSigned', 'noSni', 'rareFingerprint']);
    expect(tls?.severity).toBe('medium');
  });

  it('names the proxied endpoint by its Host and keeps a user agent oddity alone low', () => {
    const [proxied] = of('10.0.0.35');
    expect(proxied?.endpointDomain).toBe('www.honest.example');
    expect(proxied?.endpointIp).toBeNull();
    expect(proxied?.severity).toBe('low');
    expect(proxied?.explanation).toMatch(/through a proxy/);
  });

  it('stays quiet on browsers, an updater, internal servers, OCSP, a captive portal and a popular expired site', () => {
    for (const h of ['10.0.0.36', '10.0.0.37', '10.0.0.38']) expect(of(h), h).toEqual([]);
    expect(findings.filter((f) => f.endpointIp === '192.0.2.10' || f.endpointIp === '10.0.0.250')).toEqual(
      [],
    );
    expect(findings.every((f) => f.score >= 0.3)).toBe(true);
  });

  it('finds nothing in an empty store', async () => {
    const empty = await DuckDBStore.open({ dataDir: path.join(dir, 'empty') });
    try {
      expect((await runDetectors({ store: empty, only: ['tls-http-oddities'] })).findings).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
