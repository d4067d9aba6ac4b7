import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect } from 'vitest';
import type { FileOutcome } from '../../src/ingest/ingest-file.js';
import { type IngestSummary, ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { telemetryTableNames } from '../../src/store/schema/tables.js';

export type Engine = 'native' | 'js';
export const engines: readonly Engine[] = ['native', 'js'];

/** The decompressed bytes of a plain or gzip file. */
export function readDecompressed(file: string): Buffer {
  const raw = readFileSync(file);
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

/** Data lines of a log: not empty and not starting with '#'. */
export function dataLines(file: string): string[] {
  return readDecompressed(file)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function countDataLines(file: string): number {
  return dataLines(file).length;
}

/** Every file under `dir`, recursively, hidden entries left out, sorted. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Log type of a Zeek file name as used in the data set: `conn.00-00-00-01-00-00.log.gz` → `conn`. */
export function zeekLogType(file: string): string {
  return path.basename(file).split('.')[0] as string;
}

const openable = new Set(['conn', 'http', 'ssl']);
const dedicated = new Set(['dns', 'x509', 'files', 'notice', 'weird']);

/** Where rows of a Zeek log type must land, as a key: `conn:closed`, `conn:open`, `dns`, `events:ssh`. */
export function zeekTarget(logType: string): string {
  if (openable.has(logType)) return `${logType}:closed`;
  if (logType.startsWith('open_') && openable.has(logType.slice(5))) return `${logType.slice(5)}:open`;
  if (dedicated.has(logType)) return logType;
  return `events:${logType}`;
}

/**
 * Expected row count per target, from the data lines of every file in `dir`. As in Zeek, the log
 * type is the TSV `#path` or a JSON record's `_path`, and the file name only when those are absent.
 */
export function expectedZeekCounts(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (logType: string, n: number) => {
    const key = zeekTarget(logType);
    out[key] = (out[key] ?? 0) + n;
  };
  for (const f of listFiles(dir)) {
    const lines = readDecompressed(f).toString('utf8').split('\n');
    const data = lines.filter((l) => l !== '' && !l.startsWith('#'));
    if (data[0]?.startsWith('{')) {
      for (const l of data) {
        const stated = (JSON.parse(l) as { _path?: string })._path ?? zeekLogType(f);
        // mamori lets an open_X file name win over a record's `_path: X` (RITA's open_* fixtures).
        add(zeekLogType(f) === `open_${stated}` ? zeekLogType(f) : stated, 1);
      }
    } else {
      const pathLine = lines.find((l) => l.startsWith('#path\t'));
      const stated = pathLine ? pathLine.slice(6) : zeekLogType(f);
      // As for JSON: an open_X file whose header says X counts as open_X (RITA's fixtures).
      add(zeekLogType(f) === `open_${stated}` ? zeekLogType(f) : stated, data.length);
    }
  }
  return out;
}

/** The `#fields` of a Zeek TSV file. */
export function tsvFields(file: string): string[] {
  const lines = readDecompressed(file).toString('utf8').split('\n');
  return (lines.find((l) => l.startsWith('#fields\t')) ?? '').split('\t').slice(1);
}

/** Row count of a target key (see zeekTarget) in the store. */
export async function countTarget(store: DuckDBStore, key: string): Promise<number> {
  const [table, qualifier] = key.split(':') as [string, string | undefined];
  if (table === 'events')
    return count(store, `SELECT count(*) FROM events WHERE log_type = ?`, [qualifier ?? '']);
  if (qualifier === undefined) return count(store, `SELECT count(*) FROM "${table}"`);
  return count(store, `SELECT count(*) FROM "${table}" WHERE is_open = ?`, [qualifier === 'open']);
}

/** Runs a query whose first column is a number (e.g. count(*)). */
export async function count(
  store: DuckDBStore,
  sql: string,
  params: readonly (string | number | boolean)[] = [],
): Promise<number> {
  const rows = await store.query(sql, params);
  return Number(Object.values(rows[0] ?? {})[0] ?? Number.NaN);
}

/** Rows of one input file across every telemetry table. */
export async function rowsFromFile(store: DuckDBStore, file: string): Promise<number> {
  const union = telemetryTableNames.map((t) => `SELECT count(*) AS n FROM "${t}" WHERE source_file = $1`);
  return count(store, `SELECT sum(n)::BIGINT FROM (${union.join(' UNION ALL ')})`, [file]);
}

export interface Reject {
  line: number;
  reason: string;
  raw: string;
}

/** Rejects recorded in the store for one input file, by line. */
export async function rejectsOf(store: DuckDBStore, file: string): Promise<Reject[]> {
  const rows = await store.query('SELECT line, reason, raw FROM rejects WHERE file = ? ORDER BY line', [
    file,
  ]);
  return rows.map((r) => ({ line: Number(r['line']), reason: String(r['reason']), raw: String(r['raw']) }));
}

/** A fresh store in a temporary directory, with an ingest shorthand. */
export interface TempStore {
  readonly dir: string;
  readonly store: DuckDBStore;
  ingest(
    paths: readonly string[],
    opts?: { engine?: Engine | 'auto'; strict?: boolean },
  ): Promise<IngestSummary>;
  close(): Promise<void>;
}

export async function openTempStore(label: string, engine: Engine | 'auto' = 'auto'): Promise<TempStore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `mamori-${label}-`));
  const store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
  return {
    dir,
    store,
    ingest: (paths, opts) =>
      ingestPaths(paths, {
        store,
        sensor: 's',
        tmpDir: path.join(dir, 'tmp'),
        engine: opts?.engine ?? engine,
        strict: opts?.strict ?? false,
      }),
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh scratch directory for generated inputs. */
export function scratchDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `mamori-${label}-`));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** What became of one file in one store. */
export interface FileResult {
  outcome: FileOutcome;
  rows: number;
  rejects: Reject[];
}

/**
 * Ingests one file into the store of each engine and checks that the engines agree on status, rows
 * and reject line numbers, and that a file fails only when nothing of it could be ingested.
 * Returns the native result.
 */
export async function ingestWithBothEngines(
  stores: Record<Engine, TempStore>,
  file: string,
  strict = false,
): Promise<FileResult> {
  const out = {} as Record<Engine, FileResult>;
  for (const e of engines) {
    const s = stores[e];
    const outcome = (await s.ingest([file], { strict })).outcomes[0] as FileOutcome;
    out[e] = { outcome, rows: await rowsFromFile(s.store, file), rejects: await rejectsOf(s.store, file) };
    if (outcome.status === 'failed') expect(out[e].rows, `${e}: failed but rows kept`).toBe(0);
    if (out[e].rows > 0) expect(outcome.status, `${e}: rows kept but failed`).not.toBe('failed');
  }
  expect(out.js.outcome.status, 'status: js vs native').toBe(out.native.outcome.status);
  expect(out.js.rows, 'rows: js vs native').toBe(out.native.rows);
  const lines = (r: FileResult) => r.rejects.map((x) => x.line);
  expect(lines(out.js), 'reject lines: js vs native').toEqual(lines(out.native));
  return out.native;
}

/** One temporary store per engine. */
export async function openEngineStores(label: string): Promise<Record<Engine, TempStore>> {
  const out = {} as Record<Engine, TempStore>;
  for (const e of engines) out[e] = await openTempStore(`${label}-${e}`, e);
  return out;
}

/**
 * One temporary store per engine for the enclosing suite, opened before its tests and closed after,
 * and a writer of input files into the native store's folder. `stores` fills in when the suite starts.
 */
export function useEngineStores(label: string): {
  stores: Record<Engine, TempStore>;
  dir: () => string;
  write: (name: string, data: string | Buffer) => string;
} {
  const stores = {} as Record<Engine, TempStore>;
  beforeAll(async () => {
    Object.assign(stores, await openEngineStores(label));
  });
  afterAll(async () => {
    for (const e of engines) await stores[e]?.close();
  });
  const dir = () => stores.native.dir;
  const write = (name: string, data: string | Buffer) => {
    const file = path.join(dir(), name);
    writeFileSync(file, data);
    return file;
  };
  return { stores, dir, write };
}
