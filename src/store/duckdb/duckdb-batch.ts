import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { unescapeZeek } from '../../ingest/zeek/zeek-values.js';
import { type TelemetryTableName, telemetryTables } from '../schema/tables.js';
import type {
  BatchOrigin,
  CellValue,
  IngestBatch,
  NativeLoadResult,
  NativeTsvLoad,
  RejectRecord,
} from '../store.js';
import { runNativeTsvLoad } from './duckdb-tsv-load.js';
import { duckdbAppenders, sqlIdent } from './duckdb-types.js';

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
  private readonly appenders = new Map<TelemetryTableName, DuckDBAppender>();
  private rows = 0;
  private rejectCount = 0;
  private done = false;
  private readonly startedAt = new Date();

  constructor(
    private readonly conn: DuckDBConnection,
    readonly id: number,
    private readonly origin: BatchOrigin,
    private readonly owner: BatchOwner,
  ) {}

  private appender(table: TelemetryTableName): DuckDBAppender | undefined {
    return this.appenders.get(table);
  }

  async prepare(table: TelemetryTableName): Promise<void> {
    if (!this.appenders.has(table)) this.appenders.set(table, await this.conn.createAppender(table));
  }

  append(table: TelemetryTableName, values: readonly CellValue[], extra: string | null): void {
    const a = this.appender(table);
    if (!a) throw new Error(`batch.prepare('${table}') must be awaited before append`);
    const cols = telemetryTables[table].columns;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) a.appendNull();
      else duckdbAppenders[cols[i]!.type](a, v);
    }
    if (extra === null) a.appendNull();
    else a.appendVarchar(extra);
    a.appendVarchar(this.origin.engine);
    a.appendVarchar(this.origin.sensor);
    a.appendVarchar(this.origin.sourceFile);
    a.appendBigInt(BigInt(this.id));
    a.endRow();
    this.rows += 1;
  }

  private flushAppenders(): void {
    for (const a of this.appenders.values()) a.flushSync();
  }

  async loadNativeTsv(load: NativeTsvLoad): Promise<NativeLoadResult> {
    this.flushAppenders();
    const result = await runNativeTsvLoad(this.conn, load, this.origin, this.id, (table) =>
      this.unescapeStaged(table, load.table),
    );
    this.rows += result.rows;
    return result;
  }

  // Zeek writes non-printable bytes and separators as \xHH; DuckDB's reader keeps them as text.
  private async unescapeStaged(stage: string, table: TelemetryTableName): Promise<void> {
    const cols = telemetryTables[table].columns.filter(
      (c) => c.type === 'varchar' || c.type === 'varchar[]' || c.type === 'json',
    );
    const cond = cols
      .map((c) =>
        c.type === 'varchar[]'
          ? `contains(array_to_string(${sqlIdent(c.name)}, ' '), '\\x')`
          : `contains(${sqlIdent(c.name)}::VARCHAR, '\\x')`,
      )
      .join(' OR ');
    const r = await this.conn.runAndReadAll(
      `SELECT rowid AS rid, ${cols.map((c) => sqlIdent(c.name)).join(', ')} FROM ${stage} WHERE ${cond}`,
    );
    for (const row of r.getRowObjectsJson()) {
      const params: Record<string, DuckDBValue> = { rid: Number(row['rid']) };
      const sets: string[] = [];
      cols.forEach((c, i) => {
        const v = row[c.name];
        if (v === null || v === undefined) return;
        if (c.type === 'varchar[]') {
          params[`v${i}`] = JSON.stringify((v as string[]).map(unescapeZeek));
          sets.push(`${sqlIdent(c.name)} = CAST($v${i} AS JSON)::VARCHAR[]`);
        } else if (c.type === 'json') {
          params[`v${i}`] = JSON.stringify(decodeJson(JSON.parse(String(v))));
          sets.push(`${sqlIdent(c.name)} = $v${i}`);
        } else {
          params[`v${i}`] = unescapeZeek(String(v));
          sets.push(`${sqlIdent(c.name)} = $v${i}`);
        }
      });
      await this.conn.run(`UPDATE ${stage} SET ${sets.join(', ')} WHERE rowid = $rid`, params);
    }
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
    for (const a of this.appenders.values()) a.closeSync();
    this.appenders.clear();
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
    for (const a of this.appenders.values()) {
      try {
        a.closeSync();
      } catch {
        // The owner deletes or rolls back whatever the appender held.
      }
    }
    this.appenders.clear();
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
