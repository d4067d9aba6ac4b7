import {
  BIGINT,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { AnalyticsSession, SqlParams, SqlParamTypes } from '../analytics-session.js';
import { duckdbHooks } from '../sql/duckdb/duckdb-hooks.js';
import type { DuckDBDetectContext } from './duckdb-detect-context.js';
import { sharedTableState } from './duckdb-detect-context.js';
import { appendRows } from './intel/duckdb-intel-append.js';

const listTypes: Record<string, DuckDBType> = {
  'varchar[]': LIST(VARCHAR),
  'integer[]': LIST(INTEGER),
  'bigint[]': LIST(BIGINT),
};

/** JS parameter values as the DuckDB driver binds them: arrays become lists. */
function bind(params: SqlParams): Record<string, DuckDBValue> {
  const out: Record<string, DuckDBValue> = {};
  for (const [k, v] of Object.entries(params))
    out[k] = Array.isArray(v) ? listValue([...(v as readonly DuckDBValue[])]) : (v as DuckDBValue);
  return out;
}

function typesOf(types?: SqlParamTypes): Record<string, DuckDBType> | undefined {
  if (!types) return undefined;
  return Object.fromEntries(Object.entries(types).map(([k, t]) => [k, listTypes[t] as DuckDBType]));
}

/** The analytics session over a DuckDB connection, sharing the detect context's temp tables. */
export function duckdbAnalyticsSession(ctx: DuckDBDetectContext): AnalyticsSession {
  const conn: DuckDBConnection = ctx.conn;
  return {
    dialect: 'duckdb',
    hooks: duckdbHooks,
    settle: () => ctx.settle(),
    classify: (internal) => ctx.classify(internal),
    seenHistory: (sensors) => ctx.seenHistory(sensors),
    sharedTable: (table, internal, window) => sharedTableState(conn, table, internal, window),
    async run(sql, params, types) {
      await conn.run(sql, params ? bind(params) : undefined, typesOf(types));
    },
    async rows(sql, params, types) {
      const r = await conn.runAndReadAll(sql, params ? bind(params) : undefined, typesOf(types));
      return r.getRows() as unknown[][];
    },
    async objects(sql, params, types) {
      const r = await conn.runAndReadAll(sql, params ? bind(params) : undefined, typesOf(types));
      return r.getRowObjectsJson() as Record<string, unknown>[];
    },
    append: (table, kinds, rows) => appendRows(conn, table, kinds, rows),
  };
}
