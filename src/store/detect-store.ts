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

/** What detectors ask the store for. */
export interface DetectStore {
  connectionSeries(opts: ConnectionSeriesOptions): Promise<ConnectionSeries[]>;
  /** Distinct originators in the telemetry window, to judge prevalence. */
  originatorCount(opts: { from?: string; to?: string }): Promise<number>;
}
