import type { FindingEvidence } from '../../domain/finding.js';
import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbFindingEvidence } from './sql/duckdb-finding-evidence.js';

/** The relation and span of one finding, as the evidence aggregate reads it. */
export interface EvidenceTarget {
  readonly host: string;
  readonly endpointIp: string | null;
  readonly endpointDomain: string | null;
  /** ISO instants: the finding's first and last activity. */
  readonly first: string;
  readonly last: string;
}

/** Findings of one scope to collect evidence for, with the uid and community id sample sizes. */
export interface FindingEvidenceOptions {
  readonly findings: readonly EvidenceTarget[];
  /** The scope's sensors (default: every sensor). */
  readonly sensors?: readonly string[];
  /** Uids kept per finding (default 20). */
  readonly maxUids?: number;
  /** Community ids kept per finding (default 10). */
  readonly maxCommunityIds?: number;
}

/** The finding-evidence aggregate one dialect computes. */
export interface FindingEvidenceSql {
  /**
   * For each finding, in the given order: the uids of the connections (conn and IDS alert flows)
   * from its host to its endpoint within its first..last, earliest first, their count, and the
   * flows' community ids (sorted). The endpoint is its address, or any address its domain resolved
   * to or was reached under (TLS SNI, HTTP Host) in the scope. A finding with no such connection
   * (a DNS-only finding) gets the uids of its host's DNS queries for the domain or names under it.
   */
  findingEvidence(s: AnalyticsSession, opts: FindingEvidenceOptions): Promise<FindingEvidence[]>;
}

/** The aggregate per SQL dialect. */
export const findingEvidenceSql: PerSqlDialect<FindingEvidenceSql> = { duckdb: duckdbFindingEvidence };

/** The log rows behind each finding (see `FindingEvidenceSql.findingEvidence`), in the given order. */
export function findingEvidence(
  s: AnalyticsSession,
  opts: FindingEvidenceOptions,
): Promise<FindingEvidence[]> {
  return findingEvidenceSql[s.dialect].findingEvidence(s, opts);
}
