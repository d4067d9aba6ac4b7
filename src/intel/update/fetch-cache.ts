import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What the cache remembers about the last download of a source. */
export interface CacheMeta {
  readonly url: string;
  /** The body's file name inside the cache folder. */
  readonly file: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly fetchedAt: string;
}

/** Cache file name of a source's body: its id plus the URL's extension, so importers see `.json`/`.json.gz`. */
export function cacheBodyName(id: string, url: string): string {
  let pathname = '';
  try {
    pathname = new URL(url).pathname.toLowerCase();
  } catch {
    // an invalid URL fails later, when it is fetched
  }
  const ext = /(\.[a-z0-9]{1,8}\.gz|\.[a-z0-9]{1,8})$/.exec(pathname)?.[1] ?? '.dat';
  return `${id}${ext}`;
}

/** Sidecar file of a source, beside its body. */
export function metaPath(cacheDir: string, id: string): string {
  return path.join(cacheDir, `${id}.meta.json`);
}

/** A file name for a download in progress, unique to this process and call. */
export function partPath(cacheDir: string, id: string): string {
  return path.join(cacheDir, `.${id}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
}

/**
 * The sidecar of a source when it describes a cached body that is still there, whole, and was
 * fetched from `url`; otherwise null (a stale or damaged cache is simply fetched again).
 */
export async function readUsableMeta(cacheDir: string, id: string, url: string): Promise<CacheMeta | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(metaPath(cacheDir, id), 'utf8'));
  } catch {
    return null;
  }
  const meta = metaOf(json);
  if (!meta || meta.url !== url) return null;
  try {
    const st = await stat(path.join(cacheDir, meta.file));
    return st.isFile() && st.size === meta.bytes ? meta : null;
  } catch {
    return null;
  }
}

/** Writes a sidecar atomically (temp file, then rename). */
export async function writeMeta(cacheDir: string, id: string, meta: CacheMeta): Promise<void> {
  const tmp = partPath(cacheDir, `${id}.meta`);
  try {
    await writeFile(tmp, `${JSON.stringify(meta, null, 2)}\n`);
    await rename(tmp, metaPath(cacheDir, id));
  } finally {
    await rm(tmp, { force: true });
  }
}

// Reads known fields only: the sidecar is our own file, but a damaged one must not be trusted.
function metaOf(json: unknown): CacheMeta | null {
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  const str = (k: string) => (Object.hasOwn(o, k) && typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const url = str('url');
  const file = str('file');
  const sha256 = str('sha256');
  const bytes = Object.hasOwn(o, 'bytes') ? o['bytes'] : undefined;
  if (!url || !file || !sha256 || typeof bytes !== 'number' || file.includes('/') || file.includes('\\'))
    return null;
  const etag = str('etag');
  const lastModified = str('lastModified');
  return {
    url,
    file,
    bytes,
    sha256,
    fetchedAt: str('fetchedAt') ?? '',
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}
