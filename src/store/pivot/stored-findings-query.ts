import type { Finding } from '../../domain/finding.js';
import type { AnalyticsSession } from '../analytics-session.js';
import type { PerSqlDialect } from '../sql/sql-dialect.js';
import { duckdbStoredFindings } from './sql/duckdb-stored-findings.js';

/** A stored finding with the detection run that saved it. */
export interface StoredFinding {
  readonly runId: number;
  readonly finding: Finding;
}

/** Which stored findings to list: of one run (default the latest), filtered, one page. */
export interface FindingListOptions {
  readonly runId?: number;
  readonly detector?: string;
  /** The finding's host (exact address). */
  readonly host?: string;
  /** The finding's endpoint address or domain (exact, case-insensitive). */
  readonly endpoint?: string;
  readonly severity?: string;
  /** Only findings active at or after / at or before these ISO instants. */
  readonly from?: string;
  readonly to?: string;
  /** Only these finding ids (an incident's). */
  readonly ids?: readonly string[];
  readonly offset: number;
  readonly limit: number;
}

/** The stored-findings queries one dialect runs. */
export interface StoredFindingsSql {
  /** A finding by id (case-insensitive), from the latest run that holds it. */
  findingById(s: AnalyticsSession, id: string): Promise<StoredFinding | null>;
  /** A run's findings, highest score first, then by id; `runId` is the run read (null: no run). */
  listFindings(
    s: AnalyticsSession,
    opts: FindingListOptions,
  ): Promise<{ readonly runId: number | null; readonly items: StoredFinding[] }>;
}

/** The queries per SQL dialect. */
export const storedFindingsSql: PerSqlDialect<StoredFindingsSql> = { duckdb: duckdbStoredFindings };

/** A finding by id (case-insensitive), from the latest run that holds it. */
export function findingById(s: AnalyticsSession, id: string): Promise<StoredFinding | null> {
  return storedFindingsSql[s.dialect].findingById(s, id);
}

/** A run's findings (default the latest run), highest score first, filtered and paged. */
export function listFindings(
  s: AnalyticsSession,
  opts: FindingListOptions,
): Promise<{ readonly runId: number | null; readonly items: StoredFinding[] }> {
  return storedFindingsSql[s.dialect].listFindings(s, opts);
}
