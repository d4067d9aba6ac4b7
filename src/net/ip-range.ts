import ipaddr from 'ipaddr.js';
import { errorCodes, MamoriError } from '../errors.js';

/** An address block as inclusive numeric bounds (IPv4 fits in 32 bits, IPv6 in 128). */
export interface IpRange {
  readonly v: 4 | 6;
  readonly lo: bigint;
  readonly hi: bigint;
}

/**
 * The numeric range of an IPv4/IPv6 address or CIDR; host bits of a CIDR are ignored
 * (`10.1.2.3/8` is 10.0.0.0–10.255.255.255). Throws a bad-input MamoriError on anything else.
 */
export function ipRange(cidrOrIp: string): IpRange {
  const range = tryIpRange(cidrOrIp);
  if (!range) throw new MamoriError(errorCodes.badInput, `"${cidrOrIp}" is not an IP address or CIDR`);
  return range;
}

/** Like `ipRange`, but null for text that is not an address or CIDR. */
export function tryIpRange(cidrOrIp: string): IpRange | null {
  const text = cidrOrIp.trim();
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  let bytes: number[];
  let v: 4 | 6;
  if (ipaddr.IPv4.isValidFourPartDecimal(addrText)) {
    bytes = ipaddr.IPv4.parse(addrText).toByteArray();
    v = 4;
  } else if (addrText.includes(':') && ipaddr.IPv6.isValid(addrText)) {
    const ip = ipaddr.IPv6.parse(addrText);
    // A lone IPv4-mapped address is the IPv4 host, as the indicator normaliser writes it.
    if (slash < 0 && ip.isIPv4MappedAddress()) {
      bytes = ip.toIPv4Address().toByteArray();
      v = 4;
    } else {
      bytes = ip.toByteArray();
      v = 6;
    }
  } else {
    return null;
  }
  const width = v === 4 ? 32 : 128;
  let bits = width;
  if (slash >= 0) {
    const prefix = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefix)) return null;
    bits = Number(prefix);
    if (bits > width) return null;
  }
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  const hostBits = BigInt(width - bits);
  const hostMask = (1n << hostBits) - 1n;
  const lo = value & ~hostMask;
  return { v, lo, hi: lo | hostMask };
}

/** A strict dotted-quad IPv4 address (no leading zeros, no short forms) as an unsigned number, else null. */
export function parseIpv4(text: string): number | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return null;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return null;
      part = part * 10 + (c - 48);
      if (part > 255) return null;
      digits++;
    } else {
      return null;
    }
  }
  if (digits === 0 || dots !== 3) return null;
  return value * 256 + part;
}

/**
 * An IPv4 address or CIDR as numeric bounds, without the cost of `ipRange`'s bigints; `canonical`
 * says the text is already written as the indicator normaliser would write it. Null for anything else.
 */
export function parseIpv4Block(text: string): { lo: number; hi: number; canonical: boolean } | null {
  const slash = text.indexOf('/');
  const addr = parseIpv4(slash < 0 ? text : text.slice(0, slash));
  if (addr === null) return null;
  if (slash < 0) return { lo: addr, hi: addr, canonical: true };
  const prefix = text.slice(slash + 1);
  if (!/^(?:0|[1-9]\d?)$/.test(prefix) || Number(prefix) > 32) return null;
  const size = 2 ** (32 - Number(prefix));
  const lo = addr - (addr % size);
  return { lo, hi: lo + size - 1, canonical: lo === addr && size > 1 };
}
