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

export interface ConnectionSeriesOptions {
  /** Pairs with fewer connections are left out. */
  readonly minConnections: number;
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

/** What detectors ask the store for. */
export interface DetectStore {
  connectionSeries(opts: ConnectionSeriesOptions): Promise<ConnectionSeries[]>;
  /** Pairs whose longest connection or total time reaches the given seconds. */
  connectionDurations(opts: {
    readonly minLongest: number;
    readonly minTotal: number;
    readonly from?: string;
    readonly to?: string;
  }): Promise<ConnectionDurations[]>;
  /** Distinct originators in the telemetry window, to judge prevalence. */
  originatorCount(opts: { from?: string; to?: string }): Promise<number>;
}
