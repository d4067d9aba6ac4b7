import type { IpRange } from '../net/ip-range.js';
import type { DialectHooks, WindowBounds } from './sql/dialect-hooks.js';
import type { SqlDialect } from './sql/sql-dialect.js';

/**
 * The slice of telemetry an aggregate reads: a time window and a scope (the sensors of one
 * network). Every baseline is computed within it, so other networks in the store change nothing.
 */
export interface TelemetryWindow {
  readonly from?: string;
  readonly to?: string;
  /** Only rows of these sensors (default: every sensor). */
  readonly sensors?: readonly string[];
}

/** A value bound to a query parameter. Arrays become the dialect's list type. */
export type SqlParam =
  | string
  | number
  | bigint
  | boolean
  | null
  | readonly string[]
  | readonly number[]
  | readonly bigint[];
export type SqlParams = Readonly<Record<string, SqlParam>>;

/** Declared types of list parameters that may be empty (an empty list has no type of its own). */
export type SqlParamTypes = Readonly<Record<string, 'varchar[]' | 'integer[]' | 'bigint[]'>>;

/** Column kinds the appender writes (the session's temp tables and the store's own tables alike). */
export type AppendKind =
  | 'varchar'
  | 'varchar[]'
  | 'integer'
  | 'tinyint'
  | 'uhugeint'
  | 'boolean'
  | 'timestamp'
  | 'bigint'
  | 'double';

/**
 * What detector and correlator queries run on: one connection to the telemetry with the shared
 * classification tables and the dialect's hooks. Each query module is keyed by `dialect`
 * (`PerSqlDialect`), so a second backend speaking the same dialect reuses its SQL.
 */
export interface AnalyticsSession {
  readonly dialect: SqlDialect;
  readonly hooks: DialectHooks;
  /** Makes pending ingest batches visible first; call before reading telemetry. */
  settle(): Promise<void>;
  /**
   * Fills the temp table `det_class(ip VARCHAR, internal BOOLEAN)` with every address seen (the
   * seen_ips dictionary) marked inside the monitored networks or not. Join on it instead of testing
   * ranges per row.
   */
  classify(internal: readonly IpRange[]): Promise<void>;
  /**
   * Makes `det_seen_ips(ip, first_seen)` and `det_seen_names(name, tail, first_seen)` the
   * first-seen history of one scope, so another network's history never makes an address old.
   */
  seenHistory(sensors?: readonly string[]): Promise<void>;
  /**
   * For temp tables one detection run shares between queries: a key of what they were built from
   * (the monitored networks, the window and scope, the newest stored batch), and whether `table`
   * still exists in this session.
   */
  sharedTable(
    table: string,
    internal: readonly IpRange[],
    window?: WindowBounds,
  ): Promise<{ readonly key: string; readonly exists: boolean }>;
  /** Runs a statement. */
  run(sql: string, params?: SqlParams, types?: SqlParamTypes): Promise<void>;
  /** Runs a query and returns its rows as arrays of values (strings, numbers, bigints, null). */
  rows(sql: string, params?: SqlParams, types?: SqlParamTypes): Promise<unknown[][]>;
  /** Runs a query and returns its rows as objects of JSON-safe values. */
  objects(sql: string, params?: SqlParams, types?: SqlParamTypes): Promise<Record<string, unknown>[]>;
  /** Appends rows to a (temp) table of the session; returns how many. */
  append(
    table: string,
    kinds: readonly AppendKind[],
    rows: Iterable<readonly (string | number | bigint | boolean | null | undefined | readonly string[])[]>,
  ): Promise<number>;
}

/** The first value of a one-row query that aggregates its answer to JSON text (`[]` when empty). */
export async function jsonRows<T>(
  s: AnalyticsSession,
  sql: string,
  params?: SqlParams,
  types?: SqlParamTypes,
): Promise<T[]> {
  const r = await s.rows(sql, params, types);
  return JSON.parse(String(r[0]?.[0] ?? '[]')) as T[];
}
