import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import type { DnsWindowOptions } from '../shared/dns-query.js';
import { duckdbDnsTunnelling } from './sql/duckdb.js';

/** One internal client's queries under one domain, when they are many and long. */
export interface DnsTunnelCandidate {
  readonly host: string;
  /**
   * The domain the names were grouped under: the last labels up to the first that is not a public
   * suffix (as the caller's `isPublicSuffix` says). Suffixes deeper than that (bucket.s3.amazonaws.com
   * under amazonaws.com) are not split; the caller confirms the grouping on `samples`.
   */
  readonly domain: string;
  readonly queries: number;
  readonly uniqueNames: number;
  /** Mean characters left of the domain, per query. */
  readonly meanSubLength: number;
  /** Queries of the types that carry data in answers: TXT, NULL, CNAME, MX, ANY, private-use types. */
  readonly dataTypeQueries: number;
  /** Query types, most used first. */
  readonly qtypes: readonly string[];
  readonly nxdomain: number;
  /** Distinct names (any client) answered with an address. */
  readonly answeredNames: number;
  /** Of those, names with an answer address that some connection went to. */
  readonly connectedNames: number;
  /** Of those, names answered in 127.0.0.0/8 (how reputation and blocklist services answer). */
  readonly loopbackNames: number;
  /** Distinct internal clients that queried the domain. */
  readonly hosts: number;
  /** An external server that answered authoritatively (AA) or was asked without recursion, if any. */
  readonly authServer: string | null;
  /** Internal hosts that sent DNS queries to this host (a resolver's visible clients). */
  readonly resolverClients: number;
  /** Most of the host's own queries are iterative (no recursion desired), as a resolver's upstream ones. */
  readonly iterative: boolean;
  /** Up to 16 distinct names, chosen by hash (a fair sample). */
  readonly samples: readonly string[];
  readonly first: string;
  readonly last: string;
}

/** The candidates plus what prevalence is judged against. */
export interface DnsTunnelAggregate {
  /** Distinct internal clients that sent DNS queries in the window. */
  readonly clients: number;
  /** True when the conn table has rows in the window (else "never connected" is unknown). */
  readonly connKnown: boolean;
  readonly candidates: readonly DnsTunnelCandidate[];
}

export interface DnsTunnelOptions extends DnsWindowOptions {
  /** Pairs with fewer distinct names are left out. */
  readonly minUnique: number;
  /** Pairs whose names average fewer characters left of the domain are left out. */
  readonly minMeanSubLength: number;
  /** Domains queried by more than this share of clients (and by 3 or more) are left out: services. */
  readonly maxHostShare: number;
  /** Whether a name (2+ labels) is itself a public suffix, so its domains sit one label deeper. */
  readonly isPublicSuffix: (name: string) => boolean;
}

/** The dns-tunnelling aggregates one dialect computes. */
export interface DnsTunnellingSql {
  /** Internal client × domain pairs with many long distinct names (tunnel candidates). */
  dnsTunnelCandidates(s: AnalyticsSession, opts: DnsTunnelOptions): Promise<DnsTunnelAggregate>;
}

/** The aggregates per SQL dialect. */
export const dnsTunnellingSql: PerSqlDialect<DnsTunnellingSql> = { duckdb: duckdbDnsTunnelling };

/** Internal client × domain pairs with many long distinct names (tunnel candidates). */
export function dnsTunnelCandidates(
  s: AnalyticsSession,
  opts: DnsTunnelOptions,
): Promise<DnsTunnelAggregate> {
  return dnsTunnellingSql[s.dialect].dnsTunnelCandidates(s, opts);
}
