import type { AlertAggregates } from './detect/alerts-aggregates.js';
import type { DestinationAggregates } from './detect/destinations-aggregates.js';
import type { DnsAggregates } from './detect/dns-aggregates.js';
import type { ExfilAggregates } from './detect/exfil-aggregates.js';

/** Aggregates the detectors read; each backend computes them in its own SQL. */

/** The connections of one originator to one responder address, as series. */
export interface ConnectionSeries {
  readonly origH: string;
  readonly respH: string;
  /** The responder ports used, most used first. */
  readonly ports: readonly number[];
  /** The names seen for the responder (SNI, HTTP Host, DNS answers), most used first. */
  readonly names: readonly string[];
  readonly connections: number;
  /** Connection start times, epoch seconds, ascending. */
  readonly times: readonly number[];
  /** Bytes sent by the originator per connection, in the same order. */
  readonly origBytes: readonly number[];
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** How many distinct originators talk to this responder. */
  readonly prevalence: number;
}

/** An address range (numeric bounds, as `ipRange` gives them). */
export interface NetRange {
  readonly v: 4 | 6;
  readonly lo: bigint;
  readonly hi: bigint;
}

export interface ConnectionSeriesOptions {
  /** Pairs with fewer connections are left out. */
  readonly minConnections: number;
  /** The monitored networks: only internal → external pairs are returned. */
  readonly internal: readonly NetRange[];
  /** Pairs per page (memory stays bounded by one page). */
  readonly pageSize?: number;
  readonly from?: string;
  readonly to?: string;
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
}

/** Connection series and durations (beaconing, long connections). */
export interface ConnectionAggregates {
  /** Outbound pairs with their series, a page at a time. */
  connectionSeries(opts: ConnectionSeriesOptions): AsyncIterable<ConnectionSeries[]>;
  /** Distinct internal originators in outbound connections, to judge prevalence. */
  internalOriginators(opts: {
    readonly internal: readonly NetRange[];
    readonly from?: string;
    readonly to?: string;
  }): Promise<number>;
  /** Pairs whose longest connection or total time reaches the given seconds. */
  connectionDurations(opts: {
    /** The monitored networks: only internal → external pairs are returned. */
    readonly internal: readonly NetRange[];
    readonly minLongest: number;
    readonly minTotal: number;
    readonly from?: string;
    readonly to?: string;
  }): Promise<ConnectionDurations[]>;
}

/** What detectors ask the store for: one aggregate family per detector area. */
export interface DetectStore
  extends ConnectionAggregates,
    ExfilAggregates,
    DnsAggregates,
    DestinationAggregates,
    AlertAggregates {}
