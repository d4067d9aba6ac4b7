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

const octet = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const ipv4 = `${octet}(?:\\.${octet}){3}`;
const h16 = '[0-9A-Fa-f]{1,4}';
const ls32 = `(?:${h16}:${h16}|${ipv4})`;
// RFC 3986's IPv6address, one alternative per position of the `::`.
const ipv6 = [
  `(?:${h16}:){6}${ls32}`,
  `::(?:${h16}:){5}${ls32}`,
  `(?:${h16})?::(?:${h16}:){4}${ls32}`,
  `(?:(?:${h16}:){0,1}${h16})?::(?:${h16}:){3}${ls32}`,
  `(?:(?:${h16}:){0,2}${h16})?::(?:${h16}:){2}${ls32}`,
  `(?:(?:${h16}:){0,3}${h16})?::${h16}:${ls32}`,
  `(?:(?:${h16}:){0,4}${h16})?::${ls32}`,
  `(?:(?:${h16}:){0,5}${h16})?::${h16}`,
  `(?:(?:${h16}:){0,6}${h16})?::`,
].join('|');

/**
 * A Zeek `addr` as Zeek and Suricata write it: dotted-quad IPv4 without leading zeros, or IPv6 in
 * any RFC 4291 text form (no zone: Zeek's addr type has none). One pattern, read by JavaScript's
 * and DuckDB's (RE2) regular expressions alike, so both engines accept the same addresses.
 */
export const addressPattern = `(?:${ipv4}|${ipv6})`;
const addressRe = new RegExp(`^${addressPattern}$`);

/** Whether text is an address column's value (see `addressPattern`). */
export function isAddress(text: string): boolean {
  return text.length <= 45 && addressRe.test(text);
}

/** A hostile value quoted for a reject reason: JSON-escaped and cut to 80 characters. */
export function quoteValue(value: unknown): string {
  // JSON has no text for Infinity or NaN (a JSON 1e400 parses as Infinity).
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/**
 * A total (bytes, connections) as a 64-bit column stores it: a sum of counts near the cap can pass
 * 2^63, so totals saturate at 2^53 − 1, the largest integer a JavaScript number holds exactly.
 */
export function storedTotal(v: number | null): number | null {
  if (v === null || Number.isNaN(v)) return null;
  return Math.trunc(Math.min(Math.max(v, -maxDetectCount), maxDetectCount));
}
