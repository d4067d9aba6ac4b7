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
