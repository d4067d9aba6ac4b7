import { rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { errorCodes, isNoSpace, noSpaceError } from '../errors.js';
import { type FoundFile, findInputFiles, stdinArgument } from '../io/input-files.js';
import { log } from '../log.js';
import { BatchesLost } from '../store/batches-lost.js';
import type { Store } from '../store/store.js';
import { dataDirOf, type FileOutcome, type IngestFileOptions, ingestFile } from './ingest-file.js';
import { spoolStreamInput } from './stream-input.js';

const defaultGroupFiles = 256;
const defaultGroupBytes = 256 * 1024 * 1024;

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
