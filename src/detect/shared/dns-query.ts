import type { IpRange } from '../../net/ip-range.js';

/** What every DNS aggregate (dns-tunnelling, dga, threat-intel's resolvers) is asked. */
export interface DnsWindowOptions {
  /** The monitored networks: only queries from internal clients count. */
  readonly internal: readonly IpRange[];
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}
