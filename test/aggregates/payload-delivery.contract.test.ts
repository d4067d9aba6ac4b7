// Contract of the aggregate payload-delivery reads: payload downloads from servers few hosts reach.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { payloadDownloads } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, internal, iso } from './backends.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const C = '10.0.0.3';
const EXE = 'application/x-dosexec';

let n = 0;
const get = (t: number, orig: string, resp: string, mime: string, extra: Record<string, unknown> = {}) => ({
  ts: at(t),
  uid: `H${n++}`,
  orig_h: orig,
  orig_p: 40000,
  resp_h: resp,
  resp_p: 80,
  method: 'GET',
  status_code: 200,
  resp_mime_types: [mime],
  response_body_len: 1000,
  ...extra,
});

async function load(store: Store): Promise<void> {
  await ingest(
    store,
    { sensor: 's', file: '/dl' },
    {
      http: [
        // A fetches an executable (hashed in the files log) and a document from one rare server.
        get(100, A, '203.0.113.70', EXE, {
          host: 'DL.example:80',
          uri: '/a/Payload.EXE?x=1',
          response_body_len: 5000,
          resp_fuids: ['F1'],
        }),
        get(200, A, '203.0.113.70', 'application/pdf', {
          host: 'dl.example',
          uri: '/doc.pdf',
          resp_fuids: ['F2'],
        }),
        // A failed download, a page, and an inside server reached directly: none is a payload delivery.
        get(110, A, '203.0.113.71', EXE, { host: 'x.example', uri: '/x.exe', status_code: 404 }),
        get(120, A, '203.0.113.72', 'text/html', { host: 'y.example', uri: '/' }),
        get(130, A, '10.0.0.80', EXE, { host: 'intranet', uri: '/tool.exe' }),
        // B and C both reach 198.51.100.72: a server two hosts use is no rare one.
        get(140, B, '198.51.100.72', EXE, { host: 'updates.example', uri: '/setup.exe' }),
        get(150, C, '198.51.100.72', 'text/html', { host: 'updates.example', uri: '/' }),
        // C, through the proxy by name.
        get(300, C, '10.0.0.99', EXE, {
          host: 'evil.example',
          uri: 'http://evil.example/b.dll',
          resp_p: 3128,
        }),
      ],
      files: [{ ts: at(100), fuid: 'F1', sha256: 'abc', md5: 'def' }],
    },
  );
}

const opts = {
  internal,
  maxHosts: 1,
  mimeTypes: [
    { mime: 'Application/X-Dosexec', kind: 'executable' },
    { mime: 'application/pdf', kind: 'document' },
  ],
};

describeEachBackend('payload-delivery', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 payloadDownloads: successful downloads of listed types from rare servers, earliest first', async () => {
    expect(await payloadDownloads(store, opts)).toEqual([
      {
        host: A,
        ip: '203.0.113.70',
        name: 'dl.example',
        proxied: false,
        downloads: 2,
        kinds: ['document', 'executable'],
        mime: EXE,
        uri: '/a/Payload.EXE?x=1',
        executableExtensions: ['exe'],
        bytes: 6000,
        sha256: 'abc',
        md5: 'def',
        hosts: 1,
        first: iso(100),
        last: iso(200),
      },
      {
        host: C,
        ip: null,
        name: 'evil.example',
        proxied: true,
        downloads: 1,
        kinds: ['executable'],
        mime: EXE,
        uri: 'http://evil.example/b.dll',
        executableExtensions: ['dll'],
        bytes: 1000,
        sha256: null,
        md5: null,
        hosts: 1,
        first: iso(300),
        last: iso(300),
      },
    ]);
  });

  it('14.2 payloadDownloads: maxHosts admits the shared server, the window narrows the downloads', async () => {
    const shared = await payloadDownloads(store, { ...opts, maxHosts: 2 });
    expect(shared.map((d) => [d.host, d.ip ?? d.name, d.hosts])).toEqual([
      [A, '203.0.113.70', 1],
      [B, '198.51.100.72', 2],
      [C, 'evil.example', 1],
    ]);
    const later = await payloadDownloads(store, { ...opts, from: iso(150), to: iso(250) });
    expect(later.map((d) => [d.host, d.downloads, d.kinds, d.uri, d.executableExtensions, d.sha256])).toEqual(
      [[A, 1, ['document'], '/doc.pdf', [], null]],
    );
  });
});
