import type { SqlParams } from '../../analytics-session.js';

/** The parameters a statement names: DuckDB refuses unused ones, and pivots build SQL per request. */
export function usedParams(sql: string, params: SqlParams): SqlParams {
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}

/** ISO text (microseconds, `Z`) of a timestamp expression. */
export const isoUs = (expr: string) => `strftime(${expr}, '%Y-%m-%dT%H:%M:%S.%fZ')`;

/** A JSON-safe number from the driver's value (64-bit integers come as text). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Text or null. */
export const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
