/** Aggregates the suricata-alerts detector(s) read; each backend computes them in its own SQL. */
export interface AlertAggregates {
  /** Placeholder until the suricata-alerts aggregates are defined. */
  alertsPlaceholder(): Promise<number>;
}
