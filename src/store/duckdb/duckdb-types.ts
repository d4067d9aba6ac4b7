import type { ColumnType } from '../schema/column.js';

/** DuckDB SQL type of each logical column type. */
export const duckdbSqlTypes: Record<ColumnType, string> = {
  timestamp: 'TIMESTAMP',
  varchar: 'VARCHAR',
  double: 'DOUBLE',
  ubigint: 'UBIGINT',
  bigint: 'BIGINT',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  'varchar[]': 'VARCHAR[]',
  'double[]': 'DOUBLE[]',
  json: 'JSON',
};

/** A quoted SQL identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * DuckDB CSV reader limits for lines up to `longest` bytes. DuckDB's own defaults (2 MiB lines, a
 * 32 MiB buffer) stay for ordinary files; past them the buffer is twice the line, not DuckDB's
 * sixteen times, which would not fit the store's memory limit.
 */
export function csvLineLimits(longest: number): { max_line: number; buffer: number } {
  const maxLine = Math.max(2 * 1024 * 1024, longest + 1024);
  return { max_line: maxLine, buffer: Math.max(32 * 1024 * 1024, 2 * maxLine) };
}
