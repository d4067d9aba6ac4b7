import type { DestinationAggregates } from '../../detect/destinations-aggregates.js';
import type { DuckDBDetectContext } from './duckdb-detect-context.js';

/** The rare-destinations/tls-http-oddities aggregates over the DuckDB tables. */
export function duckdbDestinationAggregates(ctx: DuckDBDetectContext): DestinationAggregates {
  return {
    async destinationsPlaceholder() {
      await ctx.settle();
      return 0;
    },
  };
}
