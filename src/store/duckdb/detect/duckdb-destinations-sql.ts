import type { DuckDBValue } from '@duckdb/node-api';
import { hostSql } from '../../sql/duckdb/duckdb-host-sql.js';
import { countSql } from '../../sql/duckdb/duckdb-safe-values.js';
import { windowSql } from './duckdb-detect-context.js';

// SQL fragments the rare-destinations and tls-http-oddities aggregates share.

/** Not multicast, broadcast or "this network": nobody's server, though outside every range. */
export const routable = (col: string) => `NOT regexp_matches(${col}, '^(22[4-9]|2[3-5][0-9]|0)\\.|^ff')`;

// An IP literal (with or without a port) in a Host, SNI or query names nothing the address does not say.
const ipLiteral = `'[0-9.]+(:[0-9]+)?|\\[[0-9a-fA-F:.]+\\](:[0-9]+)?|[0-9a-fA-F.]*:[0-9a-fA-F.]*:[0-9a-fA-F:.]*'`;

/** The column holds a name, not an address. */
export const isName = (col: string) => `(${col} <> '' AND NOT regexp_full_match(${col}, ${ipLiteral}))`;

/** A finished record (open_* snapshots are superseded by it) inside the `$from`/`$to` window. */
export const live = (alias: string) =>
  `NOT coalesce(${alias}.is_open, false) AND ${windowSql(`${alias}.ts`)}`;

/** A name from a column: lower case, without port or trailing dot. */
export const hostName = hostSql;

/** A connection (alias `c`) the responder answered: a refused or unanswered attempt reaches nothing. */
export const answered = `(${countSql('c.resp_bytes')} > 0 OR c.conn_state IN ('SF', 'S1', 'S2', 'S3', 'RSTO', 'RSTR'))`;

/** The parameters a statement uses: DuckDB rejects named parameters it does not. */
export function pick(sql: string, params: Record<string, DuckDBValue>) {
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}
