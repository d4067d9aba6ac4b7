import type { IpRange } from '../../net/ip-range.js';
import type { AnalyticsSession, TelemetryWindow } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbShared } from './sql/duckdb.js';

/** A telemetry slice with the monitored networks it is read against. */
export interface InternalWindow extends TelemetryWindow {
  readonly internal: readonly IpRange[];
}

/** The aggregates several detectors, the detection run and the hunt share, as one dialect computes them. */
export interface SharedSql {
  /** Distinct internal originators in outbound connections, to judge prevalence. */
  internalOriginators(s: AnalyticsSession, opts: InternalWindow): Promise<number>;
  /** Internal hosts other internal hosts use as an explicit web proxy (CONNECT or absolute-URI requests). */
  internalProxies(s: AnalyticsSession, opts: InternalWindow): Promise<string[]>;
  /** The sensors whose telemetry the store holds, sorted: by default each is a network of its own. */
  sensors(s: AnalyticsSession): Promise<string[]>;
  /** The sensors the rows of these ingested files (paths as ingested) are stored under, sorted. */
  sensorsOf(s: AnalyticsSession, sourceFiles: readonly string[]): Promise<string[]>;
}

/** The shared aggregates per SQL dialect. */
export const sharedSql: PerSqlDialect<SharedSql> = { duckdb: duckdbShared };

/** Distinct internal originators in outbound connections, to judge prevalence. */
export function internalOriginators(s: AnalyticsSession, opts: InternalWindow): Promise<number> {
  return sharedSql[s.dialect].internalOriginators(s, opts);
}

/** Internal hosts other internal hosts use as an explicit web proxy (CONNECT or absolute-URI requests). */
export function internalProxies(s: AnalyticsSession, opts: InternalWindow): Promise<string[]> {
  return sharedSql[s.dialect].internalProxies(s, opts);
}

/** The sensors whose telemetry the store holds, sorted: by default each is a network of its own. */
export function sensors(s: AnalyticsSession): Promise<string[]> {
  return sharedSql[s.dialect].sensors(s);
}

/** The sensors the rows of these ingested files (paths as ingested) are stored under, sorted. */
export function sensorsOf(s: AnalyticsSession, sourceFiles: readonly string[]): Promise<string[]> {
  return sharedSql[s.dialect].sensorsOf(s, sourceFiles);
}
