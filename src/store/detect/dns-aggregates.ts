/** Aggregates the dns-tunnelling/dga detector(s) read; each backend computes them in its own SQL. */
export interface DnsAggregates {
  /** Placeholder until the dns-tunnelling/dga aggregates are defined. */
  dnsPlaceholder(): Promise<number>;
}
