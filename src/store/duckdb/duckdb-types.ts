import {
  DOUBLE,
  type DuckDBAppender,
  DuckDBTimestampValue,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { ColumnType } from '../schema/column.js';
import type { CellValue } from '../store.js';

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

type Append = (a: DuckDBAppender, v: CellValue) => void;

const varcharList = LIST(VARCHAR);
const doubleList = LIST(DOUBLE);

/** Appender call for each logical type; values were validated by the parsers. */
export const duckdbAppenders: Record<ColumnType, Append> = {
  timestamp: (a, v) => a.appendTimestamp(new DuckDBTimestampValue(v as bigint)),
  varchar: (a, v) => a.appendVarchar(v as string),
  double: (a, v) => a.appendDouble(v as number),
  ubigint: (a, v) => a.appendUBigInt(v as bigint),
  bigint: (a, v) => a.appendBigInt(v as bigint),
  integer: (a, v) => a.appendInteger(v as number),
  boolean: (a, v) => a.appendBoolean(v as boolean),
  'varchar[]': (a, v) => a.appendList(listValue([...(v as string[])]), varcharList),
  'double[]': (a, v) => a.appendList(listValue([...(v as (number | null)[])]), doubleList),
  json: (a, v) => a.appendVarchar(v as string),
};

/** A SQL string literal; only for values DuckDB will not take as parameters. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
