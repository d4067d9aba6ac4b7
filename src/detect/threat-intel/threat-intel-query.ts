import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import type { DnsWindowOptions } from '../shared/dns-query.js';
import { duckdbThreatIntel } from './sql/duckdb.js';

/** The threat-intel aggregates one dialect computes. */
export interface ThreatIntelSql {
  /** Internal hosts that at least two internal clients send DNS queries to, with how many clients. */
  dnsResolvers(s: AnalyticsSession, opts: DnsWindowOptions): Promise<ReadonlyMap<string, number>>;
}

/** The aggregates per SQL dialect. */
export const threatIntelSql: PerSqlDialect<ThreatIntelSql> = { duckdb: duckdbThreatIntel };

/** Internal hosts that at least two internal clients send DNS queries to, with how many clients. */
export function dnsResolvers(
  s: AnalyticsSession,
  opts: DnsWindowOptions,
): Promise<ReadonlyMap<string, number>> {
  return threatIntelSql[s.dialect].dnsResolvers(s, opts);
}
