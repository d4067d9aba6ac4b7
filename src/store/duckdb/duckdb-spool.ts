import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType } from '../schema/column.js';
import { provenanceNames } from '../schema/column.js';
import { type TelemetryTableName, telemetryTables } from '../schema/tables.js';
import type { BatchOrigin, CellValue } from '../store.js';
import { csvLineLimits, sqlIdent } from './duckdb-types.js';

const flushBytes = 4 * 1024 * 1024;
const needsQuotes = /[\t\n\r"]/;
let spoolCounter = 0;

/** How a spooled cell is read back by DuckDB's CSV reader, and turned into the column's type. */
const readBack: Record<ColumnType, { read: string; expr: (c: string) => string }> = {
  timestamp: { read: 'BIGINT', expr: (c) => `make_timestamp(${c})` },
  varchar: { read: 'VARCHAR', expr: (c) => c },
  double: { read: 'DOUBLE', expr: (c) => c },
  ubigint: { read: 'UBIGINT', expr: (c) => c },
  bigint: { read: 'BIGINT', expr: (c) => c },
  integer: { read: 'INTEGER', expr: (c) => c },
  boolean: { read: 'BOOLEAN', expr: (c) => c },
  'varchar[]': { read: 'VARCHAR', expr: (c) => `CAST(${c} AS JSON)::VARCHAR[]` },
  'double[]': { read: 'VARCHAR', expr: (c) => `CAST(${c} AS JSON)::DOUBLE[]` },
  json: { read: 'VARCHAR', expr: (c) => c },
};

function quote(s: string): string {
  return s === '' || s === '\\N' || needsQuotes.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One cell as spool text; the parsers already validated the value against the column type. */
export function spoolCell(v: CellValue | undefined, type: ColumnType): string {
  if (v === null || v === undefined) return '\\N';
  switch (type) {
    case 'double':
      return Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v);
    case 'varchar[]':
    case 'double[]':
      // JSON has no NaN or infinities; such list elements become null, as DuckDB's TRY_CAST makes them.
      return quote(JSON.stringify(v));
    case 'varchar':
    case 'json':
      return quote(v as string);
    default:
      return String(v);
  }
}

/**
 * Rows bound for one table, written as quoted TSV to a file and loaded with one read_csv: far fewer
 * calls into DuckDB than appending value by value.
 */
export class TableSpool {
  private readonly path: string;
  private readonly fd: number;
  private readonly types: ColumnType[];
  private buffer: string[] = [];
  private bufferedBytes = 0;
  private longestLine = 0;
  private open = true;
  rows = 0;

  constructor(
    readonly table: TelemetryTableName,
    tmpDir: string,
  ) {
    mkdirSync(tmpDir, { recursive: true });
    spoolCounter += 1;
    this.path = join(tmpDir, `spool-${process.pid}-${spoolCounter}-${table}.tsv`);
    this.fd = openSync(this.path, 'w');
    this.types = telemetryTables[table].columns
      .filter((c) => !provenanceNames.has(c.name))
      .map((c) => c.type);
  }

  /** Spools one row; a non-null `sensor` replaces the batch's for this row. */
  add(values: readonly CellValue[], extra: string | null, sensor: string | null = null): void {
    let line = '';
    for (let i = 0; i < this.types.length; i++) {
      line += `${spoolCell(values[i], this.types[i] as ColumnType)}\t`;
    }
    line += `${extra === null ? '\\N' : quote(extra)}\t${sensor === null ? '\\N' : quote(sensor)}\n`;
    this.buffer.push(line);
    this.bufferedBytes += line.length;
    // Counting bytes costs a pass over the row: only rows that may be the longest pay for it.
    if (line.length * 3 > this.longestLine)
      this.longestLine = Math.max(this.longestLine, Buffer.byteLength(line));
    this.rows += 1;
    if (this.bufferedBytes >= flushBytes) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.bufferedBytes = 0;
  }

  /** Loads the spooled rows into the table, inside the caller's transaction, and removes the file. */
  async load(conn: DuckDBConnection, origin: BatchOrigin, batchId: number): Promise<number> {
    this.flush();
    this.close();
    try {
      if (this.rows === 0) return 0;
      const cols = telemetryTables[this.table].columns.filter((c) => !provenanceNames.has(c.name));
      const names = [
        ...cols.map((c) => sqlIdent(c.name)),
        'extra',
        'engine',
        'sensor',
        'source_file',
        'batch_id',
      ];
      const exprs = [
        ...cols.map((c, i) => readBack[c.type].expr(`c${i}`)),
        `c${cols.length}`,
        '$engine',
        `coalesce(c${cols.length + 1}, $sensor)`,
        '$source_file',
        '$batch_id',
      ];
      const columns = [
        ...cols.map((c, i) => `'c${i}': '${readBack[c.type].read}'`),
        `'c${cols.length}': 'VARCHAR'`,
        `'c${cols.length + 1}': 'VARCHAR'`,
      ];
      // Rows end with \n only: a decoded carriage return inside a quoted value is data, not a line end.
      const r = await conn.run(
        `INSERT INTO ${sqlIdent(this.table)} (${names.join(', ')})
         SELECT ${exprs.join(', ')}
         FROM read_csv($path, delim = '\t', quote = '"', escape = '"', header = false, auto_detect = false,
           nullstr = '\\N', allow_quoted_nulls = false, strict_mode = true, new_line = '\\n',
           max_line_size = $max_line, buffer_size = $buffer, columns = {${columns.join(', ')}})`,
        {
          path: this.path,
          engine: origin.engine,
          sensor: origin.sensor,
          source_file: origin.sourceFile,
          batch_id: batchId,
          ...csvLineLimits(this.longestLine),
        },
      );
      return Number(r.rowsChanged);
    } finally {
      rmSync(this.path, { force: true });
    }
  }

  /** Drops the spooled rows. */
  discard(): void {
    this.close();
    rmSync(this.path, { force: true });
  }

  // Closing twice could close a descriptor the process has since reused for another file.
  private close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
  }
}
