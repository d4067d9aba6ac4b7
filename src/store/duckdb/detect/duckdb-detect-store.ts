import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalyticsSession } from '../../analytics-session.js';
import type { DetectStore } from '../../detect-store.js';
import { duckdbAnalyticsSession } from '../duckdb-analytics-session.js';
import { duckdbAlertAggregates } from './duckdb-alerts.js';
import { duckdbDetectContext } from './duckdb-detect-context.js';
import { duckdbIncidentAggregates } from './duckdb-incidents.js';
import { duckdbNetworkAggregates } from './duckdb-network.js';

/** Every detector aggregate over the DuckDB tables, one family per file. */
export function duckdbDetectStore(
  conn: DuckDBConnection,
  settle: () => Promise<void>,
): { detect: DetectStore; analytics: AnalyticsSession } {
  const ctx = duckdbDetectContext(conn, settle);
  return { detect: duckdbDetectAggregates(ctx), analytics: duckdbAnalyticsSession(ctx) };
}

function duckdbDetectAggregates(ctx: ReturnType<typeof duckdbDetectContext>): DetectStore {
  return {
    ...duckdbAlertAggregates(ctx),
    ...duckdbIncidentAggregates(ctx),
    ...duckdbNetworkAggregates(ctx),
  };
}
