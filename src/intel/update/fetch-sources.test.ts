import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../test/helpers/shared-data.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { warninglistIdOf } from '../warninglists/warninglist-importer.js';
import { type FetchedSource, fetchSources } from './fetch-sources.js';
import { defaultIntelSources, type IntelSource } from './intel-sources.js';

/** A loopback server with ETag / Last-Modified support that counts full (200) responses per path. */
class TestServer {
  readonly files = new Map<string, Buffer>();
  readonly full = new Map<string, number>();
  readonly conditional: string[] = [];
  /** Paths that never answer (to exercise the timeout). */
  readonly hang = new Set<string>();
  useEtag = true;
  readonly gzipPaths = new Set<string>();
  gzipServed = 0;
  private readonly modified = new Map<string, string>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  url(p: string): string {
    return `http://127.0.0.1:${this.port}${p}`;
  }

  set(p: string, body: Buffer, lastModified = 'Wed, 01 Jan 2025 00:00:00 GMT'): void {
    this.files.set(p, body);
    this.modified.set(p, lastModified);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const p = req.url ?? '';
    if (this.hang.has(p)) return;
    const body = this.files.get(p);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const lastModified = this.modified.get(p) ?? '';
    const headers: Record<string, string> = this.useEtag ? { etag } : { 'last-modified': lastModified };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (inm !== undefined || ims !== undefined) this.conditional.push(p);
    if ((this.useEtag && inm === etag) || (!this.useEtag && ims === lastModified)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    this.full.set(p, (this.full.get(p) ?? 0) + 1);
    if (this.gzipPaths.has(p) && /gzip/.test(String(req.headers['accept-encoding']))) {
      const gz = gzipSync(body);
      this.gzipServed++;
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': String(gz.length) });
      res.end(gz);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  }
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort())
    out[f] = createHash('sha256')
      .update(readFileSync(path.join(dir, f)))
      .digest('hex');
  return out;
}

async function failureOf(p: Promise<unknown>): Promise<MamoriError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(MamoriError);
    return err as MamoriError;
  }
  throw new Error('expected fetchSources to throw');
}

describeWithSharedData('fetchSources against a loopback server', () => {
  let server: TestServer;
  let cacheDir: string;
  let sources: IntelSource[];
  const wl = (name: string) => readFileSync(sharedData(`intel/misp-warninglists/${name}.json`));

  beforeEach(async () => {
    server = new TestServer();
    server.set('/lists/rfc1918/list.json', wl('rfc1918'));
    server.set('/lists/empty-hashes/list.json', wl('empty-hashes'));
    server.set('/clusters/botnet.json', readFileSync(sharedData('intel/misp-galaxy/clusters/botnet.json')));
    await server.start();
    cacheDir = mkdtempSync(path.join(tmpdir(), 'mamori-fetch-'));
    sources = [
      { id: 'warninglist-rfc1918', url: server.url('/lists/rfc1918/list.json') },
      { id: 'warninglist-empty-hashes', url: server.url('/lists/empty-hashes/list.json') },
      { id: 'galaxy-botnet', url: server.url('/clusters/botnet.json') },
    ];
  });

  afterEach(async () => {
    await server.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('downloads once, then revalidates with If-None-Match and gets 304', async () => {
    const first = await fetchSources(sources, { cacheDir });
    expect(first.map((r) => r.status)).toEqual(['downloaded', 'downloaded', 'downloaded']);
    expect(readFileSync(first[0]!.path)).toEqual(wl('rfc1918'));
    expect(path.basename(first[0]!.path)).toBe('warninglist-rfc1918.json');
    expect(warninglistIdOf(first[0]!.path)).toBe('rfc1918');
    expect(first[2]!.bytes).toBe(server.files.get('/clusters/botnet.json')!.length);

    const second = await fetchSources(sources, { cacheDir });
    expect(second.map((r) => r.status)).toEqual(['not-modified', 'not-modified', 'not-modified']);
    expect(second.map((r) => r.path)).toEqual(first.map((r) => r.path));
    expect(second.map((r) => r.sha256)).toEqual(first.map((r) => r.sha256));
    expect(server.conditional).toHaveLength(3);
    expect([...server.full.values()]).toEqual([1, 1, 1]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('downloads a changed file again and keeps the others', async () => {
    await fetchSources(sources, { cacheDir });
    server.set('/lists/rfc1918/list.json', wl('rfc6598'));
    const again = await fetchSources(sources, { cacheDir });
    expect(again.map((r) => r.status)).toEqual(['downloaded', 'not-modified', 'not-modified']);
    expect(readFileSync(again[0]!.path)).toEqual(wl('rfc6598'));
    expect(server.full.get('/lists/rfc1918/list.json')).toBe(2);
    expect(server.full.get('/clusters/botnet.json')).toBe(1);
  });

  it('revalidates with If-Modified-Since when the server sends no ETag', async () => {
    server.useEtag = false;
    await fetchSources(sources, { cacheDir });
    const again = await fetchSources(sources, { cacheDir });
    expect(again.every((r) => r.status === 'not-modified')).toBe(true);
    expect([...server.full.values()]).toEqual([1, 1, 1]);
  });

  it('13.2: gives one line naming the host it cannot reach and the mirror layout, and leaves the cache as it was', async () => {
    await fetchSources(sources, { cacheDir });
    const before = snapshot(cacheDir);
    const host = new URL(server.url('/')).host;
    await server.stop();
    const err = await failureOf(fetchSources(sources, { cacheDir }));
    expect(err.code).toBe(errorCodes.network);
    expect(err.message).not.toContain('\n');
    expect(err.message).toMatch(
      new RegExp(
        `^cannot reach ${host.replace(/\./g, '\\.')} \\(connection refused\\): 3 of 3 sources not fetched`,
      ),
    );
    expect(err.message).toContain('mamori intel import DIR');
    expect(err.message).toContain('DIR/lists/<name>/list.json or DIR/<name>.json');
    expect(snapshot(cacheDir)).toEqual(before);
    await server.start(); // afterEach stops it again
  });

  it('names the source id and URL of a 404', async () => {
    const missing = { id: 'warninglist-nope', url: server.url('/lists/nope/list.json') };
    const err = await failureOf(fetchSources([...sources, missing], { cacheDir }));
    expect(err.message).toMatch(/1 of 4 source\(s\) failed/);
    expect(err.message).toContain(`warninglist-nope (${missing.url}): HTTP 404`);
    // The good ones are cached: a retry revalidates them instead of downloading again.
    const retry = await fetchSources(sources, { cacheDir });
    expect(retry.every((r) => r.status === 'not-modified')).toBe(true);
  });

  it('times out a server that never answers', async () => {
    server.hang.add('/slow.json');
    const slow = { id: 'slow', url: server.url('/slow.json') };
    const err = await failureOf(fetchSources([slow], { cacheDir, timeoutMs: 200 }));
    expect(err.message).toMatch(
      /slow \(http:\/\/127\.0\.0\.1:\d+\/slow\.json\): no data for 0\.2 s \(timed out\)/,
    );
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('passes local paths through and reports a missing one', async () => {
    const local = sharedData('intel/misp-warninglists/tlds.json');
    const res = await fetchSources([{ id: 'tlds', path: local }], { cacheDir });
    expect(res).toEqual([{ id: 'tlds', path: local, status: 'local', bytes: wl('tlds').length }]);
    const err = await failureOf(fetchSources([{ id: 'gone', path: '/nonexistent/x.json' }], { cacheDir }));
    expect(err.message).toContain('gone (/nonexistent/x.json): no such file');
  });

  it('stores a gzip-encoded response decoded, and a .gz file as it is', async () => {
    const plain = wl('multicast');
    const gz = gzipSync(wl('rfc5735'));
    server.set('/multicast.json', plain);
    server.gzipPaths.add('/multicast.json');
    server.set('/rfc5735.json.gz', gz);
    const res = await fetchSources(
      [
        { id: 'mc', url: server.url('/multicast.json') },
        { id: 'rfc5735', url: server.url('/rfc5735.json.gz') },
      ],
      { cacheDir },
    );
    expect(server.gzipServed).toBe(1);
    expect(readFileSync(res[0]!.path)).toEqual(plain);
    expect(res[0]!.bytes).toBe(plain.length);
    expect(path.basename(res[1]!.path)).toBe('rfc5735.json.gz');
    expect(readFileSync(res[1]!.path)).toEqual(gz);
  });

  it('works offline from the cache only', async () => {
    const err = await failureOf(fetchSources(sources, { cacheDir, offline: true }));
    expect(err.message).toMatch(/no cached copy/);
    await fetchSources(sources, { cacheDir });
    const fullBefore = [...server.full.values()];
    const conditionalBefore = server.conditional.length;
    const res: FetchedSource[] = await fetchSources(sources, { cacheDir, offline: true });
    expect(res.map((r) => r.status)).toEqual(['cached', 'cached', 'cached']);
    expect([...server.full.values()]).toEqual(fullBefore);
    expect(server.conditional).toHaveLength(conditionalBefore);
  });

  it('downloads again when the cached body was damaged', async () => {
    const [first] = await fetchSources(sources.slice(0, 1), { cacheDir });
    writeFileSync(first!.path, 'truncated');
    const [again] = await fetchSources(sources.slice(0, 1), { cacheDir });
    expect(again!.status).toBe('downloaded');
    expect(readFileSync(again!.path)).toEqual(wl('rfc1918'));
  });

  it('reports progress for each source', async () => {
    const events: string[] = [];
    await fetchSources(sources.slice(0, 1), {
      cacheDir,
      onProgress: (p) => events.push(`${p.id}:${p.phase}`),
    });
    expect(events[0]).toBe('warninglist-rfc1918:start');
    expect(events.at(-1)).toBe('warninglist-rfc1918:done');
    expect(events).toContain('warninglist-rfc1918:data');
  });

  it('refuses duplicate or unsafe ids before any download', async () => {
    await expect(fetchSources([sources[0]!, sources[0]!], { cacheDir })).rejects.toThrow(/listed twice/);
    await expect(fetchSources([{ id: '../x', url: server.url('/x') }], { cacheDir })).rejects.toThrow(
      /not valid/,
    );
    expect(server.full.size).toBe(0);
  });
});

it('13.2: without DNS, the 51 default sources fail as one line naming raw.githubusercontent.com', async () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'mamori-fetch-dns-'));
  try {
    // What undici throws when getaddrinfo fails; no request leaves the machine.
    const fetchImpl = (async (url: string | URL | Request) => {
      const host = new URL(String(url)).hostname;
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
      });
    }) as typeof fetch;
    const err = await failureOf(fetchSources(defaultIntelSources, { cacheDir, fetchImpl }));
    expect(defaultIntelSources).toHaveLength(51);
    expect(err.code).toBe(errorCodes.network);
    expect(err.message).toMatch(
      /^cannot reach raw\.githubusercontent\.com \(DNS lookup failed\): 51 of 51 sources not fetched \([^)]*and 48 more\) and nothing imported; [^\n]*mamori intel import DIR/,
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
