/** The DNS aggregate the correlator reads; each backend computes it in its own SQL. */
export interface DnsAggregates {
  /**
   * The names the network used for each given address (DNS answers, TLS SNI, HTTP Host), most used
   * first, at most `maxNames` each; addresses nothing names are absent.
   */
  addressNames(opts: {
    readonly ips: readonly string[];
    readonly maxNames: number;
    readonly from?: string;
    readonly to?: string;
    readonly sensors?: readonly string[];
  }): Promise<ReadonlyMap<string, readonly string[]>>;
}
