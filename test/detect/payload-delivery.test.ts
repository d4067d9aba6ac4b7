// The payload-delivery detector on synthetic HTTP and files logs: a lure document from a server
// only its victim reaches, an implant disguised as an image from a bare address, an executable
// fetched through the internal proxy (the client's, never the proxy's), and the look-alikes that
// must stay quiet: an installer five hosts download, web pages and images, and a failed request.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import type { CellValue, IngestBatch } from '../../src/store/store.js';
import { appendRecord } from '../helpers/telemetry-row.js';

const t0 = Date.parse('2024-05-06T08:00:00Z');
const us = (ms: number) => BigInt(Math.round(ms)) * 1000n;
const proxy = '10.0.0.3';
let n = 0;

function http(b: IngestBatch, at: number, orig: string, resp: string, r: Record<string, CellValue>): void {
  appendRecord(b, 'http', {
    ts: us(at),
    uid: `H${n++}`,
    orig_h: orig,
    orig_p: 50000,
    resp_h: resp,
    resp_p: 80,
    method: 'GET',
    uri: '/',
    version: '1.1',
    user_agent: 'Mozilla/5.0',
    status_code: 200n,
    response_body_len: 300_000n,
    ...r,
  });
}

describe('payload-delivery', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-payload-'));
  let store: DuckDBStore;
  let findings: readonly Finding[];
  const of = (host: string) => findings.filter((f) => f.host === host);

  beforeAll(async () => {
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    const b = await store.beginBatch({ sensor: 't', sourceFile: '/x', engine: 'zeek' });
    for (const t of ['http', 'files'] as const) await b.prepare(t);
    // Everyone browses the same site; five hosts fetch its installer.
    for (let i = 0; i < 10; i++) {
      const h = `10.0.0.${20 + i}`;
      http(b, t0 + i * 1000, h, '192.0.2.10', {
        host: 'www.popular.example',
        resp_mime_types: ['text/html'],
      });
      http(b, t0 + i * 1000 + 10, h, '192.0.2.10', {
        host: 'www.popular.example',
        uri: '/logo.png',
        resp_mime_types: ['image/png'],
      });
      if (i < 5)
        http(b, t0 + i * 1000 + 20, h, '192.0.2.10', {
          host: 'www.popular.example',
          uri: '/setup.zip',
          resp_mime_types: ['application/zip'],
        });
    }
    // The lure: a Word document from a server nobody else reaches, with its hash in files.log.
    http(b, t0 + 60_000, '10.0.0.21', '198.51.100.7', {
      host: 'docs.lure.example',
      uri: '/doc/Invoice_1234.doc',
      resp_mime_types: ['application/msword'],
      resp_fuids: ['Flure'],
    });
    appendRecord(b, 'files', {
      ts: us(t0 + 60_000),
      fuid: 'Flure',
      mime_type: 'application/msword',
      sha256: 'ab'.repeat(32),
    });
    // The implant: an executable served as a GIF from a bare address.
    http(b, t0 + 120_000, '10.0.0.22', '203.0.113.5', {
      host: '203.0.113.5',
      uri: '/images/a1b2c3d4.gif',
      resp_mime_types: ['application/x-dosexec'],
    });
    // An executable through the proxy: the client's request by name, and the proxy's own fetch.
    http(b, t0 + 180_000, '10.0.0.23', proxy, {
      resp_p: 3128,
      host: 'cdn.stage2.example',
      uri: 'http://cdn.stage2.example/update/x.bin',
      resp_mime_types: ['application/x-dosexec'],
    });
    http(b, t0 + 180_010, proxy, '198.51.100.99', {
      host: 'cdn.stage2.example',
      uri: '/update/x.bin',
      resp_mime_types: ['application/x-dosexec'],
    });
    // A document that was not found.
    http(b, t0 + 240_000, '10.0.0.24', '198.51.100.50', {
      host: 'gone.example',
      uri: '/a.doc',
      status_code: 404n,
      resp_mime_types: ['application/msword'],
    });
    await b.commit();
    findings = (await runDetectors({ store, only: ['payload-delivery'] })).findings;
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the lure document as low, with its server, URI and hash', () => {
    const [lure] = of('10.0.0.21');
    expect(lure).toMatchObject({
      endpointIp: '198.51.100.7',
      endpointDomain: 'docs.lure.example',
      severity: 'low',
    });
    expect(lure?.stats['sha256']).toBe('ab'.repeat(32));
    expect(lure?.techniques).toEqual(['T1204.002']);
    expect(lure?.explanation).toContain('/doc/Invoice_1234.doc');
  });

  it('scores an executable disguised as an image from a bare address highest, still under medium', () => {
    const [implant] = of('10.0.0.22');
    expect(implant?.endpointDomain).toBeNull();
    expect(implant?.score).toBeCloseTo(0.45);
    expect(implant?.techniques).toEqual(['T1036.008', 'T1105']);
  });

  it('gives a proxied download to the client, by name, and not to the proxy', () => {
    expect(of(proxy)).toEqual([]);
    const [exe] = of('10.0.0.23');
    expect(exe).toMatchObject({ endpointIp: null, endpointDomain: 'cdn.stage2.example' });
    expect(exe?.stats['proxied']).toBe('yes');
  });

  it('stays quiet on a popular installer, web content and failed requests', () => {
    expect(findings.map((f) => f.host).sort()).toEqual(['10.0.0.21', '10.0.0.22', '10.0.0.23']);
  });
});
