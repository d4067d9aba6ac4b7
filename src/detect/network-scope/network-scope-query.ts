import type { IpRange } from '../../net/ip-range.js';
import type { AnalyticsSession, TelemetryWindow } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbNetworkScope } from './sql/duckdb.js';

/** How the stored connections split between the monitored networks and the rest. */
export interface TrafficMix {
  /** Connections in the window (open snapshots left out). */
  readonly connections: number;
  readonly internalToInternal: number;
  readonly internalToExternal: number;
  readonly externalToInternal: number;
  readonly externalToExternal: number;
  /** The busiest internal → internal blocks (IPv4 /24, IPv6 /64), most connections first. */
  readonly internalPairs: readonly {
    readonly from: string;
    readonly to: string;
    readonly connections: number;
  }[];
}

/** What the telemetry says about one address block (IPv4 /24, IPv6 /64) being a monitored network. */
export interface NetworkEvidence {
  readonly network: string;
  /** Addresses a DHCP server handed out or that asked for one. */
  readonly dhcpClients: number;
  /** Addresses that sent DNS queries. */
  readonly dnsClients: number;
  /** Addresses that opened connections, and that only answered them. */
  readonly initiators: number;
  readonly respondersOnly: number;
  readonly connectionsInitiated: number;
}

/** Options of `trafficMix`: the window and the monitored networks to split by. */
export type TrafficMixOptions = TelemetryWindow & { readonly internal: readonly IpRange[] };

/** Options of `networkEvidence`: the window and how many blocks to return (default 10). */
export interface NetworkEvidenceOptions {
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

/** The aggregates that tell which address space the telemetry watches, as one dialect computes them. */
export interface NetworkScopeSql {
  trafficMix(s: AnalyticsSession, opts: TrafficMixOptions): Promise<TrafficMix>;
  /** Blocks holding DHCP or DNS clients or connection originators, best evidence first. */
  networkEvidence(s: AnalyticsSession, opts: NetworkEvidenceOptions): Promise<NetworkEvidence[]>;
}

/** The aggregates per SQL dialect. */
export const networkScopeSql: PerSqlDialect<NetworkScopeSql> = { duckdb: duckdbNetworkScope };

/** How the stored connections split between the monitored networks and the rest. */
export function trafficMix(s: AnalyticsSession, opts: TrafficMixOptions): Promise<TrafficMix> {
  return networkScopeSql[s.dialect].trafficMix(s, opts);
}

/** Blocks holding DHCP or DNS clients or connection originators, best evidence first. */
export function networkEvidence(
  s: AnalyticsSession,
  opts: NetworkEvidenceOptions,
): Promise<NetworkEvidence[]> {
  return networkScopeSql[s.dialect].networkEvidence(s, opts);
}
