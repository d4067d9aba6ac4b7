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

const escapable = /[\t\n\\]/;

/** A string as Zeek writes it: tabs, newlines and backslashes escaped, empty as (empty). */
export const str = (s: string | null | undefined) =>
  s === null || s === undefined
    ? unset
    : s === ''
      ? '(empty)'
      : escapable.test(s)
        ? s.replace(/[\t\n\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        : s;

/** RFC 1918 addresses, which Zeek's Site::local_nets marks as local in these scenarios. */
export function isPrivate(ip: string): boolean {
  if (ip.startsWith('10.') || ip.startsWith('192.168.')) return true;
  if (!ip.startsWith('172.')) return false;
  const b = Number(ip.split('.')[1]);
  return b >= 16 && b <= 31;
}
