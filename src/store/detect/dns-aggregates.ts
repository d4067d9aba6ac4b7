import type { IpRange } from '../../net/ip-range.js';

/** What both DNS aggregates are asked. */
export interface DnsWindowOptions {
  /** The monitored networks: only queries from internal clients count. */
  readonly internal: readonly IpRange[];
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

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

/** Aggregates the dns-tunnelling and dga detectors read; each backend computes them in its own SQL. */
export interface DnsAggregates {
  /** Internal client × domain pairs with many long distinct names (tunnel candidates). */
  dnsTunnelCandidates(opts: DnsTunnelOptions): Promise<DnsTunnelAggregate>;
  /** Internal clients with NXDOMAIN bursts, with their failed names. */
  dgaCandidates(opts: DgaOptions): Promise<DgaAggregate>;
  /** Names the given hosts resolved (address lookups) that at most two internal clients asked for. */
  dgaResolved(opts: DgaResolvedOptions): Promise<DgaResolved[]>;
  /** Internal hosts that at least two internal clients send DNS queries to, with how many clients. */
  dnsResolvers(opts: DnsWindowOptions): Promise<ReadonlyMap<string, number>>;
}
