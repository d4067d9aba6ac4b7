import { errorCodes, MamoriError } from '../errors.js';
import { type IpRange, tryIpRange } from '../net/ip-range.js';

/** RFC 1918, loopback, link-local and IPv6 unique-local: internal unless the user says otherwise. */
export const defaultInternalNetworks = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
] as const;

/**
 * Addresses that never leave the local link (multicast, broadcast, unspecified): a host talking to
 * them is not talking to an external server, whatever the monitored networks are.
 */
export const localOnlyNetworks = [
  '224.0.0.0/4',
  '255.255.255.255/32',
  '0.0.0.0/8',
  'ff00::/8',
  '::/128',
] as const;

/** Which addresses belong to the monitored network. */
export class InternalNetworks {
  /** The networks as numeric ranges, for the store's SQL. */
  readonly ranges: readonly IpRange[];

  /** Parses CIDRs or addresses; a bad one is a usage error naming it. */
  constructor(readonly cidrs: readonly string[] = defaultInternalNetworks) {
    this.ranges = [...cidrs, ...localOnlyNetworks].map((c) => {
      const r = tryIpRange(c);
      if (!r) throw new MamoriError(errorCodes.usage, `internal network "${c}" is not an address or CIDR`);
      return r;
    });
  }

  has(ip: string | null | undefined): boolean {
    if (!ip) return false;
    const r = tryIpRange(ip);
    return r !== null && this.ranges.some((n) => n.v === r.v && r.lo >= n.lo && r.hi <= n.hi);
  }
}
