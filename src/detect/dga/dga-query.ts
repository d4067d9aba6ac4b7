import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import type { DnsWindowOptions } from '../shared/dns-query.js';
import { duckdbDga } from './sql/duckdb.js';

/** One NXDOMAIN name of a candidate host. */
export interface NxName {
  readonly name: string;
  /** First NXDOMAIN answer, epoch seconds. */
  readonly first: number;
  readonly count: number;
  /** Distinct internal clients that got NXDOMAIN for this name. */
  readonly hosts: number;
}

/** A rarely queried name a candidate host did resolve (a DGA hit may be among them). */
export interface ResolvedName {
  readonly name: string;
  /** Address answers (up to 4). */
  readonly answers: readonly string[];
  /** The host connected to one of the answers. */
  readonly connected: boolean;
  readonly first: number;
}

/** A host with a burst or a long tail of NXDOMAIN answers. */
export interface DgaCandidate {
  readonly host: string;
  /** Internal hosts that sent DNS queries to this host (a resolver's visible clients). */
  readonly resolverClients: number;
  /** Most of the host's own queries are iterative, as a resolver's upstream ones. */
  readonly iterative: boolean;
  /** Distinct NXDOMAIN names of the host in the window (A/AAAA queries). */
  readonly nxTotal: number;
  /** Its NXDOMAIN names, earliest first (at most `maxNames`). */
  readonly nxNames: readonly NxName[];
}

/** The rarely queried names one host resolved. */
export interface DgaResolved {
  readonly host: string;
  /** Earliest first (at most `maxNames`). */
  readonly names: readonly ResolvedName[];
}

export interface DgaResolvedOptions extends DnsWindowOptions {
  readonly hosts: readonly string[];
  /** Names returned per host. */
  readonly maxNames: number;
}

/** Both DGA candidates and what prevalence is judged against. */
export interface DgaAggregate {
  readonly clients: number;
  readonly candidates: readonly DgaCandidate[];
}

export interface DgaOptions extends DnsWindowOptions {
  /** A host qualifies with this many distinct NXDOMAIN domains (approximated by the last three labels)… */
  readonly minBurst: number;
  /** …within one bucket of this many seconds, */
  readonly burstSeconds: number;
  /** …or with this many in the whole window. */
  readonly minTotal: number;
  /** Names returned per host and list. */
  readonly maxNames: number;
}

/** The dga aggregates one dialect computes. */
export interface DgaSql {
  /** Internal clients with NXDOMAIN bursts, with their failed names. */
  dgaCandidates(s: AnalyticsSession, opts: DgaOptions): Promise<DgaAggregate>;
  /** Names the given hosts resolved (address lookups) that at most two internal clients asked for. */
  dgaResolved(s: AnalyticsSession, opts: DgaResolvedOptions): Promise<DgaResolved[]>;
}

/** The aggregates per SQL dialect. */
export const dgaSql: PerSqlDialect<DgaSql> = { duckdb: duckdbDga };

/** Internal clients with NXDOMAIN bursts, with their failed names. */
export function dgaCandidates(s: AnalyticsSession, opts: DgaOptions): Promise<DgaAggregate> {
  return dgaSql[s.dialect].dgaCandidates(s, opts);
}

/** Names the given hosts resolved (address lookups) that at most two internal clients asked for. */
export function dgaResolved(s: AnalyticsSession, opts: DgaResolvedOptions): Promise<DgaResolved[]> {
  return dgaSql[s.dialect].dgaResolved(s, opts);
}
