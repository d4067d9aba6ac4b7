/** Aggregates the exfiltration detector(s) read; each backend computes them in its own SQL. */
export interface ExfilAggregates {
  /** Placeholder until the exfiltration aggregates are defined. */
  exfilPlaceholder(): Promise<number>;
}
