/** Aggregates the rare-destinations/tls-http-oddities detector(s) read; each backend computes them in its own SQL. */
export interface DestinationAggregates {
  /** Placeholder until the rare-destinations/tls-http-oddities aggregates are defined. */
  destinationsPlaceholder(): Promise<number>;
}
