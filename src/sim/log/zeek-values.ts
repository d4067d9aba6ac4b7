/** How Zeek writes values in TSV logs: `-` unset, `(empty)` empty, T/F, six-decimal times. */

export const unset = '-';

/** `x` with six decimals, as Zeek writes times and intervals (faster than toFixed). */
export function fixed6(x: number): string {
  const us = Math.round(x * 1e6);
  const s = Math.floor(us / 1e6);
  const f = us - s * 1e6;
  return `${s}.${f < 100_000 ? String(f).padStart(6, '0') : f}`;
}

/** A count, or unset. */
export const opt = (v: number | null | undefined) =>
  v === null || v === undefined ? unset : String(Math.round(v));

export const bool = (b: boolean) => (b ? 'T' : 'F');

// Bytes Zeek's ASCII writer escapes as \xHH: control characters and DEL (the column separator, a
// tab, is one of them). A backslash is written doubled.
const needsEscape = /[\x00-\x1f\x7f\\]/;
const escapeAll = /[\x00-\x1f\x7f\\]/g;
const hex2 = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * A non-empty string as Zeek's ASCII writer escapes it: backslash as `\\`, control bytes as
 * `\xHH`, the set separator too inside a set, and a value equal to the unset or empty marker
 * with its first character escaped. Valid UTF-8 beyond ASCII is written as is.
 */
export function zeekEscape(s: string, inSet = false): string {
  if (s === unset || s === '(empty)') return `${hex2(s[0] as string)}${s.slice(1)}`;
  let out = needsEscape.test(s) ? s.replace(escapeAll, (c) => (c === '\\' ? '\\\\' : hex2(c))) : s;
  if (inSet && out.includes(',')) out = out.replaceAll(',', '\\x2c');
  return out;
}

/** A string as Zeek writes it: escaped (see zeekEscape), empty as (empty), null as unset. */
export const str = (s: string | null | undefined) =>
  s === null || s === undefined ? unset : s === '' ? '(empty)' : zeekEscape(s);

/** RFC 1918 addresses, which Zeek's Site::local_nets marks as local in these scenarios. */
export function isPrivate(ip: string): boolean {
  if (ip.startsWith('10.') || ip.startsWith('192.168.')) return true;
  if (!ip.startsWith('172.')) return false;
  const b = Number(ip.split('.')[1]);
  return b >= 16 && b <= 31;
}
