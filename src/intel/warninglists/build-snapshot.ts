import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import type { WarninglistRecord } from '../model.js';
import { warninglistImporter } from './warninglist-importer.js';
import {
  buildSnapshot,
  type SnapshotList,
  upstreamListUrl,
  upstreamRepository,
  type WarninglistSnapshot,
} from './warninglist-snapshot.js';

/** Where `buildWarninglistSnapshot` reads the lists. */
export interface SnapshotBuildOptions {
  readonly names: readonly string[];
  /** A local mirror: `DIR/lists/<name>/list.json` (a clone of MISP/misp-warninglists) or `DIR/<name>.json`. */
  readonly from?: string;
  /** Upstream git ref to fetch (and to name in each list's URL); default `main`. */
  readonly ref?: string;
  /** The upstream commit the lists are from, when known (a 40-hex `ref` is one). */
  readonly commit?: string;
  /** The snapshot's date (YYYY-MM-DD); default today (UTC). */
  readonly date?: string;
  readonly fetchImpl?: typeof fetch;
  readonly onList?: (name: string, entries: number) => void;
}

/** The file of a list in a mirror folder, in either layout; null when it holds neither. */
export function mirrorListFile(dir: string, name: string): string | null {
  for (const file of [path.join(dir, 'lists', name, 'list.json'), path.join(dir, `${name}.json`)]) {
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * Reads each named MISP warninglist (from a mirror, or fetched from GitHub at `ref`), normalises it
 * as `intel import` would, and returns the dated snapshot recording where the lists came from.
 */
export async function buildWarninglistSnapshot(opts: SnapshotBuildOptions): Promise<WarninglistSnapshot> {
  const ref = opts.ref ?? (opts.commit || 'main');
  const commit = opts.commit ?? (/^[0-9a-f]{40}$/i.test(ref) ? ref : null);
  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const tmp = opts.from ? null : await mkdtemp(path.join(tmpdir(), 'mamori-wl-snapshot-'));
  try {
    const lists: SnapshotList[] = [];
    for (const name of opts.names) {
      const file = opts.from ? mirrorFile(opts.from, name) : await download(name, ref, tmp as string, opts);
      const record = await readList(file, name);
      lists.push({
        ...record,
        matchingAttributes: [...record.matchingAttributes],
        entries: [...record.entries],
        url: upstreamListUrl(name, commit ?? ref),
      });
      opts.onList?.(name, record.entries.length);
    }
    return buildSnapshot(
      {
        date,
        upstream: { repository: upstreamRepository, ref: commit ?? ref, commit },
        builtFrom: opts.from ? 'a local mirror of the upstream lists' : `${upstreamRepository} at ${ref}`,
      },
      lists,
    );
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

function mirrorFile(dir: string, name: string): string {
  const file = mirrorListFile(dir, name);
  if (!file)
    throw new MamoriError(
      errorCodes.badInput,
      `${dir}: no ${name} list (looked for lists/${name}/list.json and ${name}.json)`,
    );
  return file;
}

async function download(name: string, ref: string, dir: string, opts: SnapshotBuildOptions): Promise<string> {
  const url = upstreamListUrl(name, ref);
  let res: Response;
  try {
    res = await (opts.fetchImpl ?? fetch)(url, { signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    throw new MamoriError(errorCodes.network, `${url}: ${messageOf(cause ?? err)}`);
  }
  if (!res.ok) throw new MamoriError(errorCodes.network, `${url}: HTTP ${res.status}`);
  // The importer names a list after its folder in MISP's layout.
  const file = path.join(dir, 'lists', name, 'list.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

async function readList(file: string, name: string): Promise<WarninglistRecord> {
  const ctx = { path: file, source: 'snapshot', defaults: {}, knownNames: async () => [] };
  for await (const item of warninglistImporter.read(ctx)) {
    if (item.kind === 'warninglist') return { ...item.warninglist, name };
  }
  throw new MamoriError(errorCodes.badInput, `${file}: holds no warninglist`);
}
