import type { ExfilAggregates } from '../../detect/exfil-aggregates.js';
import type { DuckDBDetectContext } from './duckdb-detect-context.js';

/** The exfiltration aggregates over the DuckDB tables. */
export function duckdbExfilAggregates(ctx: DuckDBDetectContext): ExfilAggregates {
  return {
    async exfilPlaceholder() {
      await ctx.settle();
      return 0;
    },
  };
}
