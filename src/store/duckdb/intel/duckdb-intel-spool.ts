import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

let spoolNo = 0;

/**
 * Rows of a large import waiting on disk as JSON lines until commit. Appended row by row, DuckDB
 * keeps a transaction's rows in memory; read back with one `INSERT … SELECT … FROM read_json`, they
 * take its bulk-insert path, which writes to the database file as it goes. So a bundle of any size
 * needs memory for one chunk of records, not for all of them.
 */
export class JsonSpool {
  private readonly path: string;
  private fd: number | null = null;
  rows = 0;

  constructor(tmpDir: string, name: string) {
    mkdirSync(tmpDir, { recursive: true });
    this.path = join(tmpDir, `intel-${process.pid}-${++spoolNo}-${name}.jsonl`);
  }

  /** Appends objects (bigints are written as strings). */
  write(objects: readonly Record<string, unknown>[]): void {
    if (objects.length === 0) return;
    this.fd ??= openSync(this.path, 'w');
    const text = objects
      .map((o) => JSON.stringify(o, (_, v) => (typeof v === 'bigint' ? v.toString() : v)))
      .join('\n');
    writeSync(this.fd, `${text}\n`);
    this.rows += objects.length;
  }

  /** Runs `sql` with `$spool` bound to the file (a no-op when nothing was written). */
  async load(conn: DuckDBConnection, sql: string, params: Record<string, DuckDBValue> = {}): Promise<void> {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    await conn.run(sql, { ...params, spool: this.path });
  }

  remove(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.path, { force: true });
  }
}
