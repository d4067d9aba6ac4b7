import type { IpRange } from '../../net/ip-range.js';
import type { TelemetryWindow } from '../detect-store.js';

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

/** Aggregates that tell which address space the telemetry watches. */
export interface NetworkAggregates {
  trafficMix(opts: TelemetryWindow & { readonly internal: readonly IpRange[] }): Promise<TrafficMix>;
  /** Blocks holding DHCP or DNS clients or connection originators, best evidence first. */
  networkEvidence(opts: {
    readonly from?: string;
    readonly to?: string;
    readonly limit?: number;
  }): Promise<NetworkEvidence[]>;
}
