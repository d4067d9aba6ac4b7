import type { IpRange } from '../net/ip-range.js';
import type { DestinationAggregates } from './detect/destinations-aggregates.js';
import type { DnsAggregates } from './detect/dns-aggregates.js';
import type { ExfilAggregates } from './detect/exfil-aggregates.js';

/** Aggregates the detectors read; each backend computes them in its own SQL. */

/**
 * The connections of one internal host to one external server, as series. A server is keyed by its
 * address; by its name (SNI, HTTP Host, DNS answer) when the name spans several addresses or is
 * reached through a proxy; and by an uncommon port reached at several addresses. C2 that moves across
 * IPs stays one series either way.
 */
export interface ConnectionSeries {
  readonly origH: string;
  readonly keyedBy: 'ip' | 'name' | 'port';
  /** For a port series, 'PORT/PROTO' (one host, several addresses, a port few hosts use). */
  readonly port: string | null;
  /** The external addresses, most used first: one for an address series, none when only a proxy was seen. */
  readonly ips: readonly string[];
  /** The names seen for the server, most used first; a name series' key comes first. */
  readonly names: readonly string[];
  /** Internal proxies the host reached the server through (HTTP CONNECT or absolute-URI requests). */
  readonly proxies: readonly string[];
  /** The responder ports used, most used first. */
  readonly ports: readonly number[];
  readonly connections: number;
  /** Connection start times, epoch seconds, ascending. */
  readonly times: readonly number[];
  /** Bytes sent by the originator per connection, in the same order. */
  readonly origBytes: readonly number[];
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** How many distinct internal hosts talk to this server (address or name). */
  readonly prevalence: number;
}

/**
 * The slice of telemetry an aggregate reads: a time window and a scope (the sensors of one
 * network). Every baseline is computed within it, so other networks in the store change nothing.
 */
export interface TelemetryWindow {
  readonly from?: string;
  readonly to?: string;
  /** Only rows of these sensors (default: every sensor). */
  readonly sensors?: readonly string[];
}

export interface ConnectionSeriesOptions {
  /** Pairs with fewer connections are left out. */
  readonly minConnections: number;
  /** Servers more internal hosts than this reach are left out (default: none). */
  readonly maxPrevalence?: number;
  /** The monitored networks: only internal → external pairs are returned. */
  readonly internal: readonly IpRange[];
  /** Pairs per page (memory stays bounded by one page). */
  readonly pageSize?: number;
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** Connection time between one originator and one responder address. */
export interface ConnectionDurations {
  readonly origH: string;
  readonly respH: string;
  readonly ports: readonly number[];
  readonly connections: number;
  /** Seconds of the longest single connection (open ones counted up to now). */
  readonly longest: number;
  /** Seconds of all connections together. */
  readonly total: number;
  /** Connections still open at the end of the logs. */
  readonly open: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** How many distinct internal hosts connect to this responder at all. */
  readonly prevalence: number;
}

/** One host reaching many external addresses on one uncommon port. */
export interface PortFanOut {
  readonly origH: string;
  readonly port: number;
  readonly proto: string;
  /** Distinct external addresses. */
  readonly destinations: number;
  /** Distinct /24 (IPv4) or /48 (IPv6) networks among them. */
  readonly networks: number;
  readonly topNetworks: readonly { network: string; destinations: number }[];
  /** Up to 20 of the addresses. */
  readonly sampleIps: readonly string[];
  readonly flows: number;
  /** Flows the responder answered (bytes or packets back). */
  readonly answered: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** Internal hosts that use this port to external addresses at all. */
  readonly prevalence: number;
}

export interface PortFanOutOptions {
  readonly internal: readonly IpRange[];
  /** Hosts reaching fewer distinct addresses on the port are left out. */
  readonly minDestinations: number;
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** Connection series and durations (beaconing, long connections, fan-out). */
export interface ConnectionAggregates {
  /** Outbound pairs with their series, a page at a time. */
  connectionSeries(opts: ConnectionSeriesOptions): AsyncIterable<ConnectionSeries[]>;
  /** Distinct internal originators in outbound connections, to judge prevalence. */
  internalOriginators(opts: {
    readonly internal: readonly IpRange[];
    readonly from?: string;
    readonly to?: string;
    readonly sensors?: readonly string[];
  }): Promise<number>;
  /** Hosts reaching many external addresses on one uncommon port (ports of everyday services excluded). */
  portFanOut(opts: PortFanOutOptions): Promise<PortFanOut[]>;
  /** Internal hosts other internal hosts use as an explicit web proxy (CONNECT or absolute-URI requests). */
  internalProxies(opts: {
    readonly internal: readonly IpRange[];
    readonly from?: string;
    readonly to?: string;
    readonly sensors?: readonly string[];
  }): Promise<string[]>;
  /** Distinct clock hours with any connection, TLS or HTTP record in the scope: how long its sensors watched. */
  activeHours(opts: TelemetryWindow): Promise<number>;
  /** Pairs whose longest connection or total time reaches the given seconds. */
  connectionDurations(opts: {
    /** The monitored networks: only internal → external pairs are returned. */
    readonly internal: readonly IpRange[];
    readonly minLongest: number;
    readonly minTotal: number;
    readonly from?: string;
    readonly to?: string;
    readonly sensors?: readonly string[];
  }): Promise<ConnectionDurations[]>;
}

/** Which sensors the telemetry holds: what detection's scopes are made of. */
export interface SensorQueries {
  /** The sensors whose telemetry the store holds, sorted: by default each is a network of its own. */
  sensors(): Promise<string[]>;
  /** The sensors the rows of these ingested files (paths as ingested) are stored under, sorted. */
  sensorsOf(sourceFiles: readonly string[]): Promise<string[]>;
}

/** What detectors ask the store for: one aggregate family per detector area. */
export interface DetectStore
  extends ConnectionAggregates,
    SensorQueries,
    ExfilAggregates,
    DnsAggregates,
    DestinationAggregates {}
