import { maxDetectCount, maxIntervalSeconds } from '../../schema/value-ranges.js';

/**
 * A stored count as detection reads it: null as 0, and saturated at 2^53 − 1 so that a hostile or
 * corrupt count (Zeek counts go to 2^64 − 1) never overflows a BIGINT cast or a sum.
 */
export function countSql(expr: string): string {
  return `least(coalesce(${expr}, 0), ${maxDetectCount})::BIGINT`;
}

/**
 * A stored interval in seconds as detection reads it: null, NaN, infinite and negative as 0, and at
 * most the ingest bound, so `ts + duration` is always a valid timestamp.
 */
export function secondsSql(expr: string): string {
  return `CASE WHEN isfinite(${expr}) AND ${expr} > 0 THEN least(${expr}, ${maxIntervalSeconds}) ELSE 0 END`;
}
