import type { AnalyticsSession } from '../analytics-session.js';
import { telemetryTables } from '../schema/tables.js';
import type { PerSqlDialect } from '../sql/sql-dialect.js';
import { duckdbRawRows } from './sql/duckdb-raw-rows.js';

/**
 * The telemetry tables raw rows are listed from: the four protocol logs, files, Suricata's alerts
 * and every other log type (`events`). `all` walks them in this order.
 */
export const rowTables = ['conn', 'dns', 'http', 'ssl', 'files', 'alerts', 'events'] as const;
export type RowTable = (typeof rowTables)[number];

/**
 * What the rows are about. Every part given must hold (a finding is a host and a server in a span).
 * `host` is an address on either side of a row (the originator of conn, dns, http and ssl rows;
 * either end of files, alerts and events). `servers` are addresses and names: a row matches when its
 * responder is one of the addresses, its DNS query or answers, HTTP Host or TLS SNI is one of the
 * names (or a name under it), or the DNS answers hold one of the addresses. `indicator` is a value of
 * any kind: an address or name (as a server, or as an originator), a file hash, a JA3/JA3S/JA4
 * fingerprint, a uid, file id or community id.
 */
export interface RowsPivot {
  readonly host?: string;
  readonly servers?: { readonly ips: readonly string[]; readonly names: readonly string[] };
  readonly indicator?: string;
}

/**
 * Where a page ends: the table (its index in `rowTables`), time in microseconds and row id (`''`
 * for both: the table's first row).
 */
export interface RowsCursor {
  readonly t: number;
  readonly ts: string;
  readonly rid: string;
}

/** One page request of `rawRows`. */
export interface RawRowsOptions {
  readonly table: RowTable | 'all';
  readonly pivot: RowsPivot;
  /** ISO instants (inclusive); default all of the telemetry. */
  readonly from?: string;
  readonly to?: string;
  /** The network's sensors (a finding's scope); default every sensor. */
  readonly sensors?: readonly string[];
  readonly limit: number;
  readonly after?: RowsCursor | null;
}

/** One stored row: its table, and every column with `ts` as ISO text (JSON-safe values). */
export interface RawRow {
  readonly table: RowTable;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A page of rows, oldest first within each table; `next` is null on the last page. */
export interface RawRowsPage {
  readonly rows: readonly RawRow[];
  readonly next: RowsCursor | null;
}

/** The raw-rows query one dialect runs. */
export interface RawRowsSql {
  /** One page of the rows of one table matching the pivot, ordered by time then storage order. */
  tableRows(
    s: AnalyticsSession,
    table: RowTable,
    opts: Omit<RawRowsOptions, 'table'> & { readonly after: { ts: string; rid: string } | null },
  ): Promise<{ values: Record<string, unknown>; ts: string; rid: string }[]>;
  /** The addresses the names stood for in the scope (DNS answers, TLS SNI and HTTP Host responders). */
  addressesOf(
    s: AnalyticsSession,
    names: readonly string[],
    opts: { readonly sensors?: readonly string[] },
  ): Promise<string[]>;
}

/** The query per SQL dialect. */
export const rawRowsSql: PerSqlDialect<RawRowsSql> = { duckdb: duckdbRawRows };

/** The addresses the names stood for in the scope (DNS answers, TLS SNI and HTTP Host responders). */
export function addressesOf(
  s: AnalyticsSession,
  names: readonly string[],
  opts: { readonly sensors?: readonly string[] } = {},
): Promise<string[]> {
  return names.length === 0 ? Promise.resolve([]) : rawRowsSql[s.dialect].addressesOf(s, names, opts);
}

/**
 * Integer columns as JSON numbers: the driver gives 64-bit integers as text, which is only kept
 * for values a double cannot hold exactly (past 2^53).
 */
function withNumbers(table: RowTable, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const c of telemetryTables[table].columns) {
    const v = out[c.name];
    if (
      (c.type === 'ubigint' || c.type === 'bigint') &&
      typeof v === 'string' &&
      Number.isSafeInteger(Number(v))
    )
      out[c.name] = Number(v);
  }
  return out;
}

/**
 * One page of the raw rows behind a pivot. With `all`, tables are read one after another, so a
 * page may end in one table and the next begin in the following one.
 */
export async function rawRows(s: AnalyticsSession, opts: RawRowsOptions): Promise<RawRowsPage> {
  const tables = opts.table === 'all' ? rowTables : [opts.table];
  const rows: RawRow[] = [];
  let after = opts.after ?? null;
  for (const [i, table] of tables.entries()) {
    const t = rowTables.indexOf(table);
    if (after && t < after.t) continue;
    const want = opts.limit - rows.length;
    // One more than asked tells whether another page exists.
    const got = await rawRowsSql[s.dialect].tableRows(s, table, {
      ...opts,
      limit: want + 1,
      after: after && after.t === t && after.ts !== '' ? after : null,
    });
    after = null;
    for (const r of got.slice(0, want)) rows.push({ table, values: withNumbers(table, r.values) });
    const last = got[Math.min(got.length, want) - 1];
    if (got.length > want && last) return { rows, next: { t, ts: last.ts, rid: last.rid } };
    if (rows.length === opts.limit && last) {
      // This table is done; the next page starts at the next table, if any.
      return i < tables.length - 1 ? { rows, next: { t: t + 1, ts: '', rid: '' } } : { rows, next: null };
    }
  }
  return { rows, next: null };
}

/** A cursor as text: base64url of its JSON, opaque to callers. */
export function encodeRowsCursor(c: RowsCursor): string {
  return Buffer.from(JSON.stringify([c.t, c.ts, c.rid])).toString('base64url');
}

/** The cursor a text stands for, or null when it is not one `encodeRowsCursor` wrote. */
export function decodeRowsCursor(text: string): RowsCursor | null {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [t, ts, rid] = v as unknown[];
    const digits = (x: unknown) => typeof x === 'string' && /^(-?\d{1,20})?$/.test(x);
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= rowTables.length) return null;
    if (!digits(ts) || !digits(rid) || (ts === '') !== (rid === '')) return null;
    return { t, ts: ts as string, rid: rid as string };
  } catch {
    return null;
  }
}
