import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { cacheBodyName, partPath, readUsableMeta, writeMeta } from './fetch-cache.js';
import type { FetchedSource, FetchProgress } from './fetch-sources.js';
import type { UrlSource } from './intel-sources.js';

/** What one download needs from `fetchSources`. */
export interface DownloadContext {
  readonly cacheDir: string;
  readonly fetchImpl: typeof fetch;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly userAgent: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: FetchProgress) => void;
}

/** A failure whose message is already fit for the user (no stack, no "fetch failed" noise). */
export class SourceFailure extends Error {
  override readonly name = 'SourceFailure';

  /** Set when the host could not be reached at all: its name and why (DNS, refused, timed out…). */
  readonly unreachable?: { readonly host: string; readonly reason: string };

  constructor(message: string, unreachable?: { host: string; reason: string }) {
    super(message);
    if (unreachable) this.unreachable = unreachable;
  }
}

/** Words for the socket and DNS error codes that mean "that host cannot be reached from here". */
const unreachableCodes: Readonly<Record<string, string>> = {
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed',
  EAI_NONAME: 'DNS lookup failed',
  EAI_FAIL: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
};

/**
 * Fetches one source into the cache, conditionally when a usable copy is cached. The body goes to
 * a temp file and is renamed over the cached copy only once complete; the sidecar follows it.
 */
export async function downloadSource(source: UrlSource, ctx: DownloadContext): Promise<FetchedSource> {
  const { id, url } = source;
  const meta = await readUsableMeta(ctx.cacheDir, id, url);
  const bodyPath = path.join(ctx.cacheDir, cacheBodyName(id, url));
  const headers: Record<string, string> = { 'user-agent': ctx.userAgent };
  if (meta?.etag) headers['if-none-match'] = meta.etag;
  if (meta?.lastModified) headers['if-modified-since'] = meta.lastModified;

  // One timer covers the wait for headers and then each wait for the next chunk, so that a large
  // file on a slow link is not cut off while a stalled one is.
  const ctl = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, ctx.timeoutMs);
  };
  const onAbort = () => ctl.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  const tmp = partPath(ctx.cacheDir, id);
  try {
    arm();
    ctx.onProgress?.({ id, phase: 'start', bytes: 0 });
    let res: Response;
    try {
      res = await ctx.fetchImpl(url, { headers, signal: ctl.signal, redirect: 'follow' });
    } catch (err) {
      throw failure(err, timedOut, ctx.timeoutMs, url);
    }
    if (res.status === 304) {
      await res.body?.cancel();
      if (!meta) throw new SourceFailure('the server answered 304 Not Modified but nothing is cached');
      ctx.onProgress?.({ id, phase: 'done', bytes: meta.bytes, status: 'not-modified' });
      return { id, url, path: bodyPath, status: 'not-modified', bytes: meta.bytes, sha256: meta.sha256 };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new SourceFailure(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    }
    const length = Number(res.headers.get('content-length') ?? Number.NaN);
    // fetch has already undone any Content-Encoding; a `.gz` file served as such stays compressed.
    if (length > ctx.maxBytes && !res.headers.get('content-encoding')) {
      await res.body?.cancel();
      throw new SourceFailure(`${length} bytes is more than the ${ctx.maxBytes}-byte limit`);
    }
    const hash = createHash('sha256');
    let bytes = 0;
    const out = await open(tmp, 'w');
    try {
      if (res.body) {
        for await (const chunk of res.body) {
          arm();
          bytes += chunk.byteLength;
          if (bytes > ctx.maxBytes) throw new SourceFailure(`body exceeds the ${ctx.maxBytes}-byte limit`);
          hash.update(chunk);
          await out.write(chunk);
          ctx.onProgress?.({ id, phase: 'data', bytes, ...(length >= 0 ? { total: length } : {}) });
        }
      }
    } catch (err) {
      throw failure(err, timedOut, ctx.timeoutMs);
    } finally {
      await out.close();
    }
    await rename(tmp, bodyPath);
    const sha256 = hash.digest('hex');
    const etag = res.headers.get('etag');
    const lastModified = res.headers.get('last-modified');
    await writeMeta(ctx.cacheDir, id, {
      url,
      file: path.basename(bodyPath),
      bytes,
      sha256,
      fetchedAt: new Date().toISOString(),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    });
    ctx.onProgress?.({ id, phase: 'done', bytes, status: 'downloaded' });
    return { id, url, path: bodyPath, status: 'downloaded', bytes, sha256 };
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onAbort);
    await rm(tmp, { force: true });
  }
}

/**
 * A readable reason: timeouts, refused connections and DNS failures instead of "fetch failed". With
 * the URL (a failure before any response), those also say which host could not be reached.
 */
function failure(err: unknown, timedOut: boolean, timeoutMs: number, url?: string): Error {
  if (err instanceof SourceFailure) return err;
  const host = url ? new URL(url).host : undefined;
  const seconds = Math.round(timeoutMs / 100) / 10;
  // A host that connected but sent nothing is reachable: its sources are named one by one.
  if (timedOut) return new SourceFailure(`no data for ${seconds} s (timed out)`);
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'AbortError') return new SourceFailure('cancelled');
  const cause = e.cause;
  if (cause?.code) {
    const reason = Object.hasOwn(unreachableCodes, cause.code) ? unreachableCodes[cause.code] : undefined;
    return new SourceFailure(
      `network error: ${cause.message ?? cause.code}`,
      host && reason ? { host, reason } : undefined,
    );
  }
  return new SourceFailure(cause?.message ?? e.message ?? String(err));
}
