import type { AnalyticsSession, SqlParams } from '../../../store/analytics-session.js';
import type { DialectHooks } from '../../../store/sql/dialect-hooks.js';
import { hostSql } from '../../../store/sql/duckdb/duckdb-host-sql.js';
import { countSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';

// SQL fragments the rare-destinations, tls-http-oddities and payload-delivery aggregates (and the
// address names the allowlist reads) share.

/** Not multicast, broadcast or "this network": nobody's server, though outside every range. */
export const routable = (col: string) => `NOT regexp_matches(${col}, '^(22[4-9]|2[3-5][0-9]|0)\\.|^ff')`;

// An IP literal (with or without a port) in a Host, SNI or query names nothing the address does not say.
const ipLiteral = `'[0-9.]+(:[0-9]+)?|\\[[0-9a-fA-F:.]+\\](:[0-9]+)?|[0-9a-fA-F.]*:[0-9a-fA-F.]*:[0-9a-fA-F:.]*'`;

/** The column holds a name, not an address. */
export const isName = (col: string) => `(${col} <> '' AND NOT regexp_full_match(${col}, ${ipLiteral}))`;

/** A finished record (open_* snapshots are superseded by it) inside the `$from`/`$to` window. */
export const live = (h: DialectHooks, alias: string) =>
  `NOT coalesce(${alias}.is_open, false) AND ${h.window(`${alias}.ts`)}`;

/** A name from a column: lower case, without port or trailing dot. */
export const hostName = hostSql;

/** A connection (alias `c`) the responder answered: a refused or unanswered attempt reaches nothing. */
export const answered = `(${countSql('c.resp_bytes')} > 0 OR c.conn_state IN ('SF', 'S1', 'S2', 'S3', 'RSTO', 'RSTR'))`;

/** The parameters a statement uses: DuckDB rejects named parameters it does not. */
export function pick(sql: string, params: SqlParams): SqlParams {
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}

/** The first value of the first row of a query, or null. */
export async function firstValue(s: AnalyticsSession, sql: string, params?: SqlParams): Promise<unknown> {
  return (await s.rows(sql, params))[0]?.[0] ?? null;
}
