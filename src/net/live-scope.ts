import { type IpRange, tryIpRange } from './ip-range.js';

/**
 * Which address indicators may be live (matched by detection). A feed that lists `0.0.0.0/0`,
 * `10.0.0.0/8` or a single private address would otherwise turn every host, internal ones
 * included, into a hit: such values are kept as observables instead.
 */
export interface LiveScope {
  /** IPv4 blocks with a shorter prefix than this are refused (0–32). */
  readonly minPrefixV4: number;
  /** IPv6 blocks with a shorter prefix than this are refused (0–128). */
  readonly minPrefixV6: number;
}

/** The default: no IPv4 block wider than a /16, no IPv6 block wider than a /32. */
export const defaultLiveScope: LiveScope = { minPrefixV4: 16, minPrefixV6: 32 };

/**
 * Address space that is never a server on the internet as a feed sees it. Documentation ranges
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are not listed: simulations and
 * tests use them as external servers, and no real network routes them.
 */
export const nonPublicRanges = [
  { cidr: '0.0.0.0/8', what: 'unspecified ("this network")' },
  { cidr: '10.0.0.0/8', what: 'private (RFC 1918)' },
  { cidr: '100.64.0.0/10', what: 'carrier-grade NAT (RFC 6598)' },
  { cidr: '127.0.0.0/8', what: 'loopback' },
  { cidr: '169.254.0.0/16', what: 'link-local' },
  { cidr: '172.16.0.0/12', what: 'private (RFC 1918)' },
  { cidr: '192.168.0.0/16', what: 'private (RFC 1918)' },
  { cidr: '224.0.0.0/4', what: 'multicast' },
  { cidr: '240.0.0.0/4', what: 'reserved and broadcast' },
  { cidr: '::/128', what: 'unspecified' },
  { cidr: '::1/128', what: 'loopback' },
  { cidr: 'fc00::/7', what: 'unique local (private)' },
  { cidr: 'fe80::/10', what: 'link-local' },
  { cidr: 'ff00::/8', what: 'multicast' },
] as const;

/** `nonPublicRanges` with their numeric bounds. */
export const nonPublicBlocks: readonly (IpRange & { cidr: string; what: string })[] = nonPublicRanges.map(
  (r) => {
    const range = tryIpRange(r.cidr);
    if (!range) throw new Error(`bad built-in range ${r.cidr}`);
    return { ...range, cidr: r.cidr, what: r.what };
  },
);

/** The prefix length of a block (its bounds come from an aligned CIDR or a single address). */
export function prefixOf(range: IpRange): number {
  const width = range.v === 4 ? 32 : 128;
  const size = range.hi - range.lo + 1n;
  return width - (size.toString(2).length - 1);
}

/**
 * Why an indicator may not be live, or null when it may. Only address types are judged; a block
 * overlapping non-public space is refused (a /8 around 10.0.0.0/8 matches internal hosts as surely
 * as the private range itself).
 */
export function refusalOf(type: string, value: string, scope: LiveScope = defaultLiveScope): string | null {
  if (type !== 'ipv4' && type !== 'ipv6' && type !== 'cidr') return null;
  const range = tryIpRange(value);
  if (!range) return null;
  const prefix = prefixOf(range);
  const min = range.v === 4 ? scope.minPrefixV4 : scope.minPrefixV6;
  if (prefix < min)
    return `too broad to match: /${prefix} is wider than the IPv${range.v} limit /${min} (--min-prefix-v${range.v})`;
  for (const b of nonPublicBlocks) {
    if (b.v === range.v && range.lo <= b.hi && range.hi >= b.lo)
      return `${b.what} address space (${b.cidr}) is not matched as an indicator`;
  }
  return null;
}
