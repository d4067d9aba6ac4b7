import { type Dirent, rmSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { errorCodes, isNoSpace, MamoriError, messageOf, noSpaceError } from '../errors.js';
import { log } from '../log.js';
import { BatchesLost } from '../store/batches-lost.js';
import type { Store } from '../store/store.js';
import { dataDirOf, type FileOutcome, type IngestFileOptions, ingestFile } from './ingest-file.js';
import { spoolStreamInput, stdinArgument } from './stream-input.js';

const defaultGroupFiles = 256;
const defaultGroupBytes = 256 * 1024 * 1024;

/** A file to ingest, and whether the user named it (errors) or a directory walk found it (skips). */
export interface FoundFile {
  readonly path: string;
  readonly named: boolean;
  /** Size when the walk saw it (for progress and commit grouping). */
  readonly size: number;
  /** A named stream (stdin as `-`, a FIFO, `/dev/stdin` on a pipe): copied to a file, then read. */
  readonly stream?: boolean;
  /** Set when the walk could not use the entry: it is reported with this status and reason, not read. */
  readonly problem?: { readonly status: 'unreadable' | 'skipped'; readonly reason: string };
}

/**
 * Lists the files under the given paths, recursively, in a stable order; hidden entries are skipped.
 * An entry the walk cannot use (an unreadable folder, a broken link, a FIFO) is listed with its
 * problem instead of ending the walk.
 */
export async function findInputFiles(
  paths: readonly string[],
  exclude: readonly string[] = [],
): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const skip = new Set(exclude.map((p) => resolve(p)));
  const problem = (path: string, status: 'unreadable' | 'skipped', reason: string) =>
    out.push({ path, named: false, size: 0, problem: { status, reason } });
  const walk = async (dir: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      problem(dir, 'unreadable', `cannot list the folder: ${messageOf(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (skip.has(resolve(p))) continue;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const size = (await stat(p).catch(() => ({ size: 0 }))).size;
        out.push({ path: p, named: false, size });
      } else if (e.isSymbolicLink()) {
        // Links to files are read; links to folders are not followed (Zeek's `current` points at its spool).
        const target = await stat(p).catch((err: unknown) => err as Error);
        if (target instanceof Error) problem(p, 'unreadable', `broken symbolic link: ${messageOf(target)}`);
        else if (target.isFile()) out.push({ path: p, named: false, size: target.size });
        else problem(p, 'skipped', 'symbolic link to a folder, not followed');
      } else {
        problem(p, 'skipped', `${entryKind(e)}, not a regular file (name it on the command line to read it)`);
      }
    }
  };
  for (const p of paths) {
    if (p === stdinArgument) {
      out.push({ path: p, named: true, size: 0, stream: true });
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch {
      throw new MamoriError(errorCodes.io, `${p}: no such file or directory`);
    }
    if (info.isDirectory()) await walk(p);
    else if (info.isFIFO() || info.isSocket() || info.isCharacterDevice())
      out.push({ path: p, named: true, size: 0, stream: true });
    else out.push({ path: p, named: true, size: info.size });
  }
  return out;
}

function entryKind(e: Dirent): string {
  if (e.isFIFO()) return 'a FIFO';
  if (e.isSocket()) return 'a socket';
  if (e.isCharacterDevice() || e.isBlockDevice()) return 'a device';
  return 'not a file';
}

/**
 * The default sensor name: the name of the first path given. Commas become underscores: a scope is
 * named by its sensors joined with commas (`--sensor a,b`).
 */
export function defaultSensor(paths: readonly string[]): string {
  const first = paths[0];
  if (first === stdinArgument) return 'stdin';
  return first ? (basename(resolve(first)) || 'default').replaceAll(',', '_') : 'default';
}

/** Summary of one ingest run. */
export interface IngestSummary {
  files: number;
  byStatus: Record<FileOutcome['status'], number>;
  rowsByTable: Record<string, number>;
  rows: number;
  rejects: number;
  /** Records skipped because other files already held them (see FileOutcome.duplicates). */
  duplicates: number;
  seconds: number;
  rawBytes: number;
  /** Every file's notes (log types guessed from file names …), for the user to check. */
  notes: string[];
  outcomes: FileOutcome[];
}

/** Options of `ingestPaths`. */
export type IngestPathsOptions = IngestFileOptions & {
  exclude?: readonly string[];
  /** The files to read, when the caller has walked `paths` already. */
  files?: readonly FoundFile[];
  /** Files per commit; 1 makes every file durable as soon as it is read. */
  groupFiles?: number;
  onFile?: (o: FileOutcome, index: number, total: number) => void;
};

/** Ingests every file under `paths`, one batch per file; stdin and FIFOs are copied to files first. */
export async function ingestPaths(
  paths: readonly string[],
  opts: IngestPathsOptions,
): Promise<IngestSummary> {
  const started = performance.now();
  const files = opts.files ?? (await findInputFiles(paths, opts.exclude));
  const summary: IngestSummary = {
    files: files.length,
    byStatus: { ingested: 0, resumed: 0, unchanged: 0, empty: 0, failed: 0, skipped: 0, unreadable: 0 },
    rowsByTable: {},
    rows: 0,
    rejects: 0,
    duplicates: 0,
    seconds: 0,
    rawBytes: 0,
    notes: [],
    outcomes: [],
  };
  // Stream inputs are copied to files first; the copies go once every retry below is past.
  const spools: string[] = [];
  try {
    return await ingestFound(files, summary, spools, started, opts);
  } finally {
    for (const p of spools) rmSync(p, { force: true });
  }
}

async function ingestFound(
  files: readonly FoundFile[],
  summary: IngestSummary,
  spools: string[],
  started: number,
  opts: IngestPathsOptions,
): Promise<IngestSummary> {
  const before = await tableCounts(opts.store);
  // Batches are made durable in groups: one commit per group instead of one per small file.
  let group: FoundFile[] = [];
  let groupBytes = 0;
  const ingestOne = async (f: FoundFile): Promise<FileOutcome> => {
    try {
      return await ingestFile(f.path, opts);
    } catch (err) {
      if (!(err instanceof BatchesLost)) throw err;
      // Reading the group again onto a full disk would only fail again.
      if (isNoSpace(err)) throw noSpaceError(dataDirOf(opts), err);
      log.warn(
        { files: err.files.length, err: err.message },
        'store rolled back a group of files; reading them again',
      );
      // The store undid the group: ingest its other files again, each made durable on its own.
      for (const g of group) {
        if (g === f) continue;
        await ingestFile(g.path, opts);
        await opts.store.flush();
      }
      group = [];
      groupBytes = 0;
      if (err.files.length === 0) return failedOutcome(f.path, err);
      try {
        const again = await ingestFile(f.path, opts);
        await opts.store.flush();
        return again;
      } catch (retryErr) {
        if (retryErr instanceof BatchesLost) return failedOutcome(f.path, retryErr);
        throw retryErr;
      }
    }
  };
  for (const [i, f] of files.entries()) {
    opts.signal?.throwIfAborted();
    if (f.problem) {
      const { status, reason } = f.problem;
      const outcome: FileOutcome = { ...noRows(f.path), status, reason, message: `${f.path}: ${reason}` };
      summary.byStatus[status] += 1;
      summary.outcomes.push(outcome);
      opts.onFile?.(outcome, i, files.length);
      continue;
    }
    let outcome: FileOutcome;
    let size = f.size;
    if (f.stream) {
      const spool = await spoolStreamInput(f.path, opts.tmpDir);
      spools.push(spool);
      const copy: FoundFile = { path: spool, named: true, size: (await stat(spool)).size };
      size = copy.size;
      group.push(copy);
      outcome = renamed(await ingestOne(copy), spool, f.path === stdinArgument ? 'stdin' : f.path);
    } else {
      group.push(f);
      outcome = await ingestOne(f);
    }
    groupBytes += size;
    if (group.length >= (opts.groupFiles ?? defaultGroupFiles) || groupBytes >= defaultGroupBytes) {
      await opts.store.flush();
      group = [];
      groupBytes = 0;
    }
    // Inside a directory, files that are not telemetry (READMEs, state files) are skipped, not errors.
    if (!f.named && outcome.error?.code === errorCodes.unknownFormat) {
      outcome = { ...outcome, status: 'skipped', error: undefined };
    }
    summary.byStatus[outcome.status] += 1;
    summary.rows += outcome.rows;
    summary.rejects += outcome.rejects;
    summary.duplicates += outcome.duplicates?.rows ?? 0;
    summary.rawBytes += size;
    if (outcome.notes) summary.notes.push(...outcome.notes);
    summary.outcomes.push(outcome);
    opts.onFile?.(outcome, i, files.length);
  }
  await opts.store.flush();
  const after = await tableCounts(opts.store);
  for (const [t, n] of Object.entries(after)) {
    const d = n - (before[t] ?? 0);
    if (d > 0) summary.rowsByTable[t] = d;
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function tableCounts(store: Store): Promise<Record<string, number>> {
  return store.tableRows();
}

/** An outcome of a stream's copy, told under the name the user gave. */
function renamed(o: FileOutcome, spool: string, name: string): FileOutcome {
  const message = o.message?.replaceAll(spool, name);
  return { ...o, path: name, ...(message === undefined ? {} : { message }) };
}

function noRows(path: string) {
  return { path, format: null, logType: null, engine: null, rows: 0, rejects: 0 } as const;
}

function failedOutcome(path: string, err: BatchesLost): FileOutcome {
  const cause = err.cause instanceof Error ? err.cause.message : String(err.cause);
  const message = `${path}: the store failed while loading it: ${cause}`;
  return {
    path,
    status: 'failed',
    format: null,
    logType: null,
    engine: null,
    rows: 0,
    rejects: 0,
    message,
    error: err,
  };
}
