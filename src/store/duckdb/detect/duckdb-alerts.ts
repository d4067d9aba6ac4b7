import type { AlertAggregates } from '../../detect/alerts-aggregates.js';
import type { DuckDBDetectContext } from './duckdb-detect-context.js';

/** The suricata-alerts aggregates over the DuckDB tables. */
export function duckdbAlertAggregates(ctx: DuckDBDetectContext): AlertAggregates {
  return {
    async alertsPlaceholder() {
      await ctx.settle();
      return 0;
    },
  };
}
