import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import { downloadSource, SourceFailure } from './download-source.js';
import { cacheBodyName, readUsableMeta } from './fetch-cache.js';
import { type IntelSource, isUrlSource, sourceIdPattern } from './intel-sources.js';

/** A source ready to import: where its file is and how it got there. */
export interface FetchedSource {
  readonly id: string;
  /** The local file to import. */
  readonly path: string;
  /** `cached`: offline mode used the copy from an earlier update. */
  readonly status: 'downloaded' | 'not-modified' | 'local' | 'cached';
  readonly bytes: number;
  readonly url?: string;
  /** SHA-256 of the cached body (not computed for local paths). */
  readonly sha256?: string;
}

/** Progress of one source: `start`, then `data` per chunk received, then `done`. */
export interface FetchProgress {
  readonly id: string;
  readonly phase: 'start' | 'data' | 'done';
  readonly bytes: number;
  /** Content-Length, when the server sent one. */
  readonly total?: number;
  readonly status?: FetchedSource['status'];
}

/** Options of `fetchSources`. */
export interface FetchSourcesOptions {
  /** Folder holding each source's last body (`<id>.json`) and sidecar (`<id>.meta.json`). */
  readonly cacheDir: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: FetchProgress) => void;
  /** Defaults to the global `fetch`. */
  readonly fetchImpl?: typeof fetch;
  /** Longest wait for a response, and then between two chunks of its body. */
  readonly timeoutMs?: number;
  /** Downloads run at once. */
  readonly concurrency?: number;
  /** Largest body accepted. */
  readonly maxBytes?: number;
  /** Use only cached copies: no network at all. */
  readonly offline?: boolean;
  readonly userAgent?: string;
}

/**
 * Brings every source into the cache: URLs are fetched (conditionally, with the cached ETag and
 * Last-Modified), local paths are passed through. Results are in source order. If any source fails,
 * one io MamoriError lists every failure and nothing should be imported; complete downloads stay
 * cached (each body is replaced atomically), so a retry only fetches what changed.
 */
export async function fetchSources(
  sources: readonly IntelSource[],
  {
    cacheDir,
    signal,
    onProgress,
    fetchImpl = globalThis.fetch,
    timeoutMs = 60_000,
    concurrency = 4,
    maxBytes = 1024 * 1024 * 1024,
    offline = false,
    userAgent = 'mamori (intel update)',
  }: FetchSourcesOptions,
): Promise<FetchedSource[]> {
  checkIds(sources);
  await mkdir(cacheDir, { recursive: true });
  const ctx = { cacheDir, fetchImpl, timeoutMs, maxBytes, userAgent, signal, onProgress };
  const results: (FetchedSource | undefined)[] = new Array(sources.length);
  const failures: { source: IntelSource; reason: string; unreachable?: { host: string; reason: string } }[] =
    [];

  const one = async (source: IntelSource): Promise<FetchedSource> => {
    if (!isUrlSource(source)) return localSource(source.id, source.path);
    if (offline) return cachedSource(source.id, source.url, cacheDir);
    return downloadSource(source, ctx);
  };

  let next = 0;
  const worker = async () => {
    while (next < sources.length && !signal?.aborted) {
      const i = next++;
      const source = sources[i] as IntelSource;
      try {
        results[i] = await one(source);
      } catch (err) {
        const unreachable = err instanceof SourceFailure ? err.unreachable : undefined;
        failures.push({ source, reason: messageOf(err), ...(unreachable ? { unreachable } : {}) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, sources.length)) }, worker));
  signal?.throwIfAborted();

  if (failures.length > 0) throw updateError(sources.length, failures, offline);
  return results as FetchedSource[];
}

function checkIds(sources: readonly IntelSource[]): void {
  const seen = new Set<string>();
  for (const s of sources) {
    if (!sourceIdPattern.test(s.id))
      throw new MamoriError(errorCodes.badInput, `source id "${s.id}" is not valid`);
    if (seen.has(s.id)) throw new MamoriError(errorCodes.badInput, `source id "${s.id}" is listed twice`);
    seen.add(s.id);
  }
}

async function localSource(id: string, file: string): Promise<FetchedSource> {
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new SourceFailure('not a file');
    return { id, path: file, status: 'local', bytes: st.size };
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new SourceFailure(code === 'ENOENT' ? 'no such file' : messageOf(err));
  }
}

async function cachedSource(id: string, url: string, cacheDir: string): Promise<FetchedSource> {
  const meta = await readUsableMeta(cacheDir, id, url);
  if (!meta) throw new SourceFailure('no cached copy (it was never downloaded, or from another URL)');
  const file = path.join(cacheDir, cacheBodyName(id, url));
  return { id, url, path: file, status: 'cached', bytes: meta.bytes, sha256: meta.sha256 };
}

/** How to get intel into the store without the network, for the one-line error of an offline update. */
export const mirrorAdvice =
  'to update without the network, copy the sources to a folder and run `mamori intel import DIR` (MISP warninglists as DIR/lists/<name>/list.json or DIR/<name>.json, the ATT&CK and galaxy JSON files as published), or name local copies in `--sources FILE`';

/** An update that reached none of its hosts: which, why, and how many sources were not fetched. */
export class SourcesUnreachable extends MamoriError {
  constructor(
    readonly hosts: readonly { readonly host: string; readonly reason: string }[],
    readonly notFetched: number,
    readonly total: number,
    sourceIds: readonly string[] = [],
  ) {
    // A few source ids say which feeds are missing without turning the one line into a list.
    const named =
      sourceIds.length === 0
        ? ''
        : ` (${sourceIds.slice(0, 3).join(', ')}${sourceIds.length > 3 ? ` and ${sourceIds.length - 3} more` : ''})`;
    super(
      errorCodes.network,
      `cannot reach ${hosts.map((h) => `${h.host} (${h.reason})`).join(', ')}: ${notFetched} of ${total} source${total === 1 ? '' : 's'} not fetched${named} and nothing imported; ${mirrorAdvice}`,
    );
    this.name = 'SourcesUnreachable';
  }
}

function updateError(
  total: number,
  failures: { source: IntelSource; reason: string; unreachable?: { host: string; reason: string } }[],
  offline: boolean,
) {
  // Offline, every source fails the same way: one line says so instead of one line per source.
  if (!offline && failures.every((f) => f.unreachable)) {
    const hosts = new Map<string, { host: string; reason: string }>();
    for (const f of failures) {
      const u = f.unreachable as { host: string; reason: string };
      hosts.set(`${u.host} ${u.reason}`, u);
    }
    return new SourcesUnreachable(
      [...hosts.values()],
      failures.length,
      total,
      failures.map((f) => f.source.id),
    );
  }
  const reasons = new Set(failures.map((f) => f.reason));
  if (failures.length > 1 && reasons.size === 1)
    return new MamoriError(
      errorCodes.io,
      `intel update${offline ? ' --offline' : ''}: ${failures.length} of ${total} sources failed (${[...reasons][0]}); nothing imported; ${mirrorAdvice}`,
    );
  const where = (s: IntelSource) => (isUrlSource(s) ? s.url : s.path);
  const lines = failures.map((f) => `  ${f.source.id} (${where(f.source)}): ${f.reason}`);
  return new MamoriError(
    errorCodes.io,
    `intel update: ${failures.length} of ${total} source(s) failed; import nothing from this run:\n${lines.join('\n')}`,
  );
}
