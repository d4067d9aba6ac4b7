import type { IpRange } from '../../net/ip-range.js';
import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbExfiltration } from './sql/duckdb.js';

/** One internal host → external address pair that sent at least `minBytes` in the window. */
export interface ExfilCandidate {
  readonly origH: string;
  readonly respH: string;
  /** Responder ports, most bytes sent first. */
  readonly ports: readonly number[];
  /** The server's most used name (TLS SNI or HTTP Host, else a DNS query answered with it). */
  readonly name: string | null;
  readonly connections: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** Hour starts (epoch seconds, ascending) in which the host sent it bytes, and how many. */
  readonly hours: readonly number[];
  readonly hourBytes: readonly number[];
  /** Distinct internal hosts that sent this address at least one connection of `minConnectionBytes`. */
  readonly prevalence: number;
  /** Connections that each carried at least 1 MB out, and the 10th, 50th and 90th percentile of their size. */
  readonly chunks: {
    readonly count: number;
    readonly p10: number;
    readonly p50: number;
    readonly p90: number;
  };
}

/** A host's outbound bytes to all external addresses in each hour it had outbound traffic: its own baseline. */
export interface ExfilHostHours {
  readonly host: string;
  readonly hours: readonly number[];
  readonly hourBytes: readonly number[];
}

/** The pairs worth scoring, with what is needed to judge them. */
export interface ExfilCandidates {
  /** Where the byte counts came from: conn, else HTTP bodies when no conn rows are in the window. */
  readonly source: 'conn' | 'http' | 'none';
  /** Distinct internal hosts sending anything outside in the window (the base of prevalence). */
  readonly internalHosts: number;
  readonly candidates: readonly ExfilCandidate[];
  /** The hourly outbound of every host that has a candidate. */
  readonly hosts: readonly ExfilHostHours[];
}

export interface ExfilCandidateOptions {
  /** The monitored networks: only internal → external traffic counts. */
  readonly internal: readonly IpRange[];
  /**
   * Pairs that sent less than this (bytes, whole window) in connections of at least
   * `minConnectionBytes` each (default 10 kB) are left out; their totals then count every connection.
   */
  readonly minBytes: number;
  readonly minConnectionBytes?: number;
  /** Pairs whose upload connections sent no more than this share of the bytes they exchanged are left out. */
  readonly minUploadShare?: number;
  /** At most this many pairs, the largest senders first (bounds memory). */
  readonly limit?: number;
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** What `exfilDomainPrevalence` is asked. */
export interface ExfilDomainOptions {
  readonly internal: readonly IpRange[];
  readonly domains: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** How many distinct internal hosts used one domain. */
export interface ExfilDomainPrevalence {
  readonly domain: string;
  readonly hosts: number;
}

/** The exfiltration aggregates one dialect computes. */
export interface ExfiltrationSql {
  /** Outbound pairs that sent a lot, with their hourly volumes and their hosts' hourly baselines. */
  exfilCandidates(s: AnalyticsSession, opts: ExfilCandidateOptions): Promise<ExfilCandidates>;
  /** For each domain, the distinct internal hosts whose TLS SNI, HTTP Host or DNS query is it or under it. */
  exfilDomainPrevalence(
    s: AnalyticsSession,
    opts: ExfilDomainOptions,
  ): Promise<readonly ExfilDomainPrevalence[]>;
}

/** The aggregates per SQL dialect. */
export const exfiltrationSql: PerSqlDialect<ExfiltrationSql> = { duckdb: duckdbExfiltration };

/** Outbound pairs that sent a lot, with their hourly volumes and their hosts' hourly baselines. */
export function exfilCandidates(s: AnalyticsSession, opts: ExfilCandidateOptions): Promise<ExfilCandidates> {
  return exfiltrationSql[s.dialect].exfilCandidates(s, opts);
}

/** For each domain, the distinct internal hosts whose TLS SNI, HTTP Host or DNS query is it or under it. */
export function exfilDomainPrevalence(
  s: AnalyticsSession,
  opts: ExfilDomainOptions,
): Promise<readonly ExfilDomainPrevalence[]> {
  return exfiltrationSql[s.dialect].exfilDomainPrevalence(s, opts);
}
