import {
  type DuckDBConnection,
  type DuckDBListType,
  type DuckDBListValue,
  DuckDBTimestampValue,
  listValue,
} from '@duckdb/node-api';
import { unescapeZeek } from '../../zeek/zeek-values.js';
import { provenanceNames } from '../schema/column.js';
import { type TelemetryTableName, telemetryTables } from '../schema/tables.js';
import type {
  BatchOrigin,
  CellValue,
  DuplicateReport,
  IngestBatch,
  JsonScan,
  NativeJsonLoad,
  NativeLoadResult,
  NativeTsvLoad,
  RejectRecord,
} from '../store.js';
import { type BatchTimeRanges, dropDuplicateRows } from './duckdb-duplicates.js';
import type { DuckDBJsonStage } from './duckdb-json-load.js';
import { TableSpool } from './duckdb-spool.js';
import { runNativeTsvLoad } from './duckdb-tsv-load.js';
import { sqlIdent } from './duckdb-types.js';

/** What a finished batch leaves for the unit of work to write at its commit. */
export interface BatchRecord {
  readonly id: number;
  readonly origin: BatchOrigin;
  readonly startedAt: Date;
  readonly rows: number;
  readonly rejects: number;
}

/** The unit of work a batch belongs to; see DuckDBUnitOfWork. */
export interface BatchOwner {
  batchCommitted(record: BatchRecord): void;
  batchAborted(id: number): Promise<void>;
}

/** One file's rows inside the store's open transaction; appenders are flushed before native loads. */
export class DuckDBBatch implements IngestBatch {
  private readonly spools = new Map<TelemetryTableName, TableSpool>();
  /** Tables this batch wrote to, for the duplicate check. */
  private readonly tables = new Set<TelemetryTableName>();
  private rows = 0;
  private rejectCount = 0;
  private done = false;
  private readonly startedAt = new Date();

  constructor(
    private readonly conn: DuckDBConnection,
    readonly id: number,
    private readonly origin: BatchOrigin,
    private readonly owner: BatchOwner,
    private readonly tmpDir: string,
    private readonly jsonStage: DuckDBJsonStage,
    private readonly timeRanges: BatchTimeRanges,
  ) {}

  scanJson(path: string, gzip: boolean, maxLineBytes?: number): Promise<JsonScan | null> {
    return this.jsonStage.scan(path, gzip, maxLineBytes);
  }

  async loadNativeJson(load: NativeJsonLoad): Promise<{ rows: number } | null> {
    const r = await this.jsonStage.load(this.conn, load, this.origin, this.id);
    if (r) {
      this.rows += r.rows;
      this.tables.add(load.table);
    }
    return r;
  }

  async prepare(table: TelemetryTableName): Promise<void> {
    if (!this.spools.has(table)) this.spools.set(table, new TableSpool(table, this.tmpDir));
    this.tables.add(table);
  }

  append(
    table: TelemetryTableName,
    values: readonly CellValue[],
    extra: string | null,
    sensor: string | null = null,
  ): void {
    const spool = this.spools.get(table);
    if (!spool) throw new Error(`batch.prepare('${table}') must be awaited before append`);
    spool.add(values, extra, sensor);
    this.rows += 1;
  }

  async loadNativeTsv(load: NativeTsvLoad): Promise<NativeLoadResult> {
    const result = await runNativeTsvLoad(this.conn, load, this.origin, this.id, (table) =>
      this.moveStaged(table, load.table),
    );
    this.rows += result.rows;
    this.tables.add(load.table);
    return result;
  }

  async dropDuplicates(): Promise<DuplicateReport> {
    await this.loadSpools();
    let rows = 0;
    const heldBy = new Map<string, number>();
    for (const table of this.tables) {
      const d = await dropDuplicateRows(this.conn, table, this.id, this.timeRanges);
      rows += d.rows;
      for (const h of d.heldBy) heldBy.set(h.file, (heldBy.get(h.file) ?? 0) + h.rows);
    }
    this.rows -= rows;
    const files = [...heldBy].map(([file, n]) => ({ file, rows: n }));
    return { rows, heldBy: files.sort((a, b) => b.rows - a.rows || (a.file < b.file ? -1 : 1)) };
  }

  // Spooled rows go in before the duplicate check, or at commit.
  private async loadSpools(): Promise<void> {
    try {
      for (const spool of this.spools.values()) await spool.load(this.conn, this.origin, this.id);
    } finally {
      for (const spool of this.spools.values()) spool.discard();
      this.spools.clear();
    }
  }

  // Zeek writes a backslash as \\ and non-printable bytes and separators as \xHH; DuckDB's reader
  // keeps them as text. Rows without a backslash in a value move to the table in SQL; the few with
  // one are decoded here and appended, so no row is ever matched by position. Provenance columns
  // (sensor, source file) are not Zeek values and are never decoded.
  private async moveStaged(stage: string, table: TelemetryTableName): Promise<number> {
    const cols = telemetryTables[table].columns;
    const decoded = cols.map(
      (c) =>
        (c.type === 'varchar' || c.type === 'varchar[]' || c.type === 'json') &&
        (c.name === 'extra' || !provenanceNames.has(c.name)),
    );
    const cond = cols
      .filter((_, i) => decoded[i])
      .map((c) =>
        c.type === 'varchar[]'
          ? `coalesce(contains(array_to_string(${sqlIdent(c.name)}, ' '), '\\'), false)`
          : `coalesce(contains(${sqlIdent(c.name)}::VARCHAR, '\\'), false)`,
      )
      .join(' OR ');
    const plain = await this.conn.run(
      `INSERT INTO ${sqlIdent(table)} SELECT * FROM ${stage} WHERE NOT (${cond})`,
    );
    const escaped = await this.conn.runAndReadAll(`SELECT * FROM ${stage} WHERE ${cond}`);
    const types = escaped.columnTypes();
    const rows = escaped.getRows();
    if (rows.length > 0) {
      const a = await this.conn.createAppender(table);
      for (const row of rows) {
        row.forEach((v, i) => {
          const type = decoded[i] ? cols[i]?.type : undefined;
          if (v === null) a.appendNull();
          else if (type === 'varchar') a.appendVarchar(unescapeZeek(String(v)));
          else if (type === 'json') a.appendVarchar(JSON.stringify(decodeJson(JSON.parse(String(v)))));
          else if (type === 'varchar[]') {
            const items = (v as DuckDBListValue).items.map((x) =>
              x === null ? null : unescapeZeek(String(x)),
            );
            a.appendList(listValue(items), types[i] as DuckDBListType);
          } else a.appendValue(v, types[i]);
        });
        a.endRow();
      }
      a.closeSync();
    }
    return Number(plain.rowsChanged) + rows.length;
  }

  async addRejects(rejects: readonly RejectRecord[]): Promise<void> {
    if (rejects.length === 0) return;
    const a = await this.conn.createAppender('rejects');
    const now = new DuckDBTimestampValue(BigInt(Date.now()) * 1000n);
    for (const r of rejects) {
      a.appendBigInt(BigInt(this.id));
      a.appendVarchar(r.file);
      a.appendUBigInt(BigInt(r.line));
      a.appendVarchar(r.reason);
      a.appendVarchar(r.raw);
      a.appendTimestamp(now);
      a.endRow();
    }
    a.closeSync();
    this.rejectCount += rejects.length;
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.loadSpools();
    } catch (err) {
      await this.owner.batchAborted(this.id);
      throw err;
    }
    this.owner.batchCommitted({
      id: this.id,
      origin: this.origin,
      startedAt: this.startedAt,
      rows: this.rows,
      rejects: this.rejectCount,
    });
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const spool of this.spools.values()) spool.discard();
    this.spools.clear();
    await this.owner.batchAborted(this.id);
  }
}

function decodeJson(v: unknown): unknown {
  if (typeof v === 'string') return unescapeZeek(v);
  if (Array.isArray(v)) return v.map(decodeJson);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodeJson(x)]));
  }
  return v;
}
