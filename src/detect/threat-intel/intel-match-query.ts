import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import type { Store } from '../../store/store.js';
import { duckdbIntelMatch } from './sql/duckdb-intel-match.js';

/** Which telemetry to match indicators against. */
export interface MatchOptions {
  /** Only indicators from these sources (a retro-hunt after importing them). */
  readonly sources?: readonly string[];
  /** Telemetry time window (ISO); default all of it. */
  readonly from?: string;
  readonly to?: string;
  /** Only telemetry of these sensors (default: every sensor). */
  readonly sensors?: readonly string[];
  readonly limit?: number;
}

/** Telemetry that hit a live indicator, grouped per indicator, place and host pair. */
export interface IndicatorMatch {
  readonly indicatorKey: string;
  readonly indicatorType: string;
  readonly indicatorValue: string;
  /** Where it was seen: `conn.resp_h`, `dns.query`, `dns.answers`, `ssl.server_name`, `http.host`, `http.url`, `files.sha256`… */
  readonly field: string;
  readonly observed: string;
  readonly origH: string | null;
  readonly respH: string | null;
  readonly count: number;
  readonly first: string;
  readonly last: string;
  readonly sampleUid: string | null;
  readonly entities: readonly { id: string; type: string; name: string }[];
  readonly sources: readonly string[];
}

/** Indicator matching as one dialect computes it. */
export interface IntelMatchSql {
  /** Telemetry hitting a live indicator of the knowledge base, grouped per indicator, field and host pair. */
  matchIndicators(s: AnalyticsSession, opts: MatchOptions): Promise<IndicatorMatch[]>;
}

/** Indicator matching per SQL dialect. */
export const intelMatchSql: PerSqlDialect<IntelMatchSql> = { duckdb: duckdbIntelMatch };

/**
 * Telemetry hitting a live indicator of the knowledge base, grouped per indicator, field and host
 * pair: what the threat-intel detector and `intel import --retro-hunt` report. The store first
 * commits pending telemetry and catches up the dictionaries the matching joins on.
 */
export async function matchIndicators(
  store: Pick<Store, 'intel' | 'analytics'>,
  opts: MatchOptions = {},
): Promise<IndicatorMatch[]> {
  await store.intel.prepareMatching();
  return intelMatchSql[store.analytics.dialect].matchIndicators(store.analytics, opts);
}
