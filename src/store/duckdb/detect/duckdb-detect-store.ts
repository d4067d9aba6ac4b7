import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalyticsSession } from '../../analytics-session.js';
import type { DetectStore } from '../../detect-store.js';
import { duckdbAnalyticsSession } from '../duckdb-analytics-session.js';
import { DuckDBConnectionAggregates } from './duckdb-connection-series.js';
import { duckdbDestinationAggregates } from './duckdb-destinations.js';
import { duckdbDetectContext } from './duckdb-detect-context.js';
import { duckdbDnsAggregates } from './duckdb-dns.js';
import { duckdbExfilAggregates } from './duckdb-exfil.js';
import { duckdbSensorQueries } from './duckdb-sensors.js';

/** Every detector aggregate over the DuckDB tables, one family per file. */
export function duckdbDetectStore(
  conn: DuckDBConnection,
  settle: () => Promise<void>,
): { detect: DetectStore; analytics: AnalyticsSession } {
  const ctx = duckdbDetectContext(conn, settle);
  return { detect: duckdbDetectAggregates(ctx), analytics: duckdbAnalyticsSession(ctx) };
}

function duckdbDetectAggregates(ctx: ReturnType<typeof duckdbDetectContext>): DetectStore {
  const connections = new DuckDBConnectionAggregates(ctx);
  return {
    connectionSeries: (o) => connections.connectionSeries(o),
    internalOriginators: (o) => connections.internalOriginators(o),
    ...duckdbSensorQueries(ctx),
    activeHours: (o) => connections.activeHours(o),
    internalProxies: (o) => connections.internalProxies(o),
    portFanOut: (o) => connections.portFanOut(o),
    connectionDurations: (o) => connections.connectionDurations(o),
    ...duckdbExfilAggregates(ctx),
    ...duckdbDnsAggregates(ctx),
    ...duckdbDestinationAggregates(ctx),
  };
}
