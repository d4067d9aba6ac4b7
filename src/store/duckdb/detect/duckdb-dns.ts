import type { DnsAggregates } from '../../detect/dns-aggregates.js';
import type { DuckDBDetectContext } from './duckdb-detect-context.js';

/** The dns-tunnelling/dga aggregates over the DuckDB tables. */
export function duckdbDnsAggregates(ctx: DuckDBDetectContext): DnsAggregates {
  return {
    async dnsPlaceholder() {
      await ctx.settle();
      return 0;
    },
  };
}
