import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Whether a name can be a STIX `domain-name` value (an IDN hostname). Attacker-supplied names
 * that are not hostnames (quotes, spaces, markup) cannot be SCOs and are left out of the bundle.
 */
export function isHostname(name: string): boolean {
  if (name.length === 0 || name.length > 253 || name.endsWith('.')) return false;
  // domainToASCII parses like a URL host (it drops whitespace and stops at `/`), so every ASCII
  // character other than letters, digits, `-` and `.` is refused before it gets the chance.
  if (/[\u0000-\u002c\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00a0\s]/.test(name)) return false;
  const ascii = domainToASCII(name.toLowerCase());
  if (!ascii || ascii.length > 253) return false;
  return ascii.split('.').every((l) => label.test(l));
}

/** `ipv4-addr`, `ipv6-addr`, or null for a value that is not an address. */
export function addressType(ip: string): 'ipv4-addr' | 'ipv6-addr' | null {
  if (isIPv4(ip)) return 'ipv4-addr';
  if (isIPv6(ip)) return 'ipv6-addr';
  return null;
}

/** A STIX timestamp (UTC, millisecond precision), or the fallback when the input does not parse. */
export function stixTime(iso: string, fallback: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
}

/** A quoted STIX patterning string literal (§9.2: backslash and quote escaped). */
export function patternString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One server's indicator pattern: one observation per address and name, joined by OR. */
export function serverPattern(ips: readonly string[], domains: readonly string[]): string | null {
  const parts = [
    ...ips.flatMap((ip) => {
      const type = addressType(ip);
      return type ? [`[${type}:value = ${patternString(ip)}]`] : [];
    }),
    ...domains.filter(isHostname).map((d) => `[domain-name:value = ${patternString(d.toLowerCase())}]`),
  ];
  return parts.length ? parts.join(' OR ') : null;
}
