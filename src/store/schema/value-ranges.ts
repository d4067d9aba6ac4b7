/**
 * The range every numeric column type accepts at ingest, shared by both engines (the JavaScript row
 * plan and the native DuckDB loads) and by detection, which reads stored values through the same
 * bounds so that a value from an older, unchecked store cannot make a detector fail.
 */

/** Zeek `count`: unsigned 64-bit, the store's UBIGINT. */
export const maxCount = 18446744073709551615n;

/** Zeek `int`: signed 64-bit. */
export const minInt64 = -(2n ** 63n);
/** Zeek `int`: signed 64-bit. */
export const maxInt64 = 2n ** 63n - 1n;

/** Zeek `port`: 0–65535. */
export const maxPort = 65535;

/**
 * Intervals (the store's double columns: durations, RTTs, TTLs) are finite, non-negative and at
 * most this many seconds (about 31.7 years): longer than any connection a sensor can see, and small
 * enough that `ts + duration` stays a valid timestamp.
 */
export const maxIntervalSeconds = 1e9;

/**
 * The largest count detection adds up per row (2^53 − 1, about 9 PB): a larger stored count is read
 * as this, so sums stay exact in a double and never overflow a 64-bit integer.
 */
export const maxDetectCount = Number.MAX_SAFE_INTEGER;

/** Why an interval is out of range, or null when it is in range. */
export function intervalProblem(v: number): string | null {
  if (Number.isNaN(v)) return 'is not a number';
  if (!Number.isFinite(v)) return 'is infinite';
  if (v < 0) return 'is negative';
  if (v > maxIntervalSeconds) return `exceeds ${maxIntervalSeconds} s`;
  return null;
}
