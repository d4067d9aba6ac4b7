import type { IpRange } from '../net/ip-range.js';
import type { AnalyticsSession } from '../store/analytics-session.js';
import type { PerSqlDialect } from '../store/sql/sql-dialect.js';
import { duckdbIncidentFacts } from './sql/duckdb.js';

/** What the network saw of one external address a finding names. */
export interface AddressFacts {
  readonly ip: string;
  /** Distinct internal hosts that reached it (conn, TLS or HTTP). */
  readonly hosts: number;
  /** Distinct DNS names answered with it: many means shared hosting. */
  readonly names: number;
  /** Application protocols seen with it (`tls`, `http`, `dns`…, else the transport). */
  readonly protocols: readonly string[];
  /** Responder ports, most used first (at most 10). */
  readonly ports: readonly number[];
  /** Leaf certificate fingerprints it presented, each with how many external addresses present it. */
  readonly certificates: readonly { readonly fingerprint: string; readonly servers: number }[];
  /** JA3S values it answered with, each with how many external addresses answer with it. */
  readonly ja3s: readonly { readonly value: string; readonly servers: number }[];
}

/** What the network saw of one name a finding names. */
export interface NameFacts {
  readonly name: string;
  /** Distinct internal hosts that looked it up or used it as TLS SNI or HTTP Host. */
  readonly hosts: number;
  /** Distinct addresses DNS answered it with. */
  readonly addresses: number;
}

/** One DNS answer: a name and an address it resolved to. */
export interface Resolution {
  readonly name: string;
  readonly ip: string;
}

/** The traffic between one internal host and one external address. */
export interface PairTraffic {
  readonly host: string;
  readonly ip: string;
  readonly connections: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  readonly ports: readonly number[];
  readonly protocols: readonly string[];
}

/** Connections from one internal host to another on an administration port, shortly before a time. */
export interface AdminContact {
  readonly from: string;
  readonly to: string;
  readonly ports: readonly number[];
  /** The latest such connection in the look-back window (ISO). */
  readonly ts: string;
  readonly connections: number;
  readonly bytesOut: number;
  /** Distinct internal hosts that reach `to` on administration ports at all in the window. */
  readonly sources: number;
}

/** The infrastructure facts incident correlation reads, bounded by the candidates asked about. */
export interface IncidentFacts {
  /** Distinct internal hosts with outbound traffic in the window (the base of "most of the network"). */
  readonly internalHosts: number;
  readonly addresses: readonly AddressFacts[];
  readonly names: readonly NameFacts[];
  /** DNS answers whose name or address is a candidate. */
  readonly resolutions: readonly Resolution[];
  /** Traffic of each candidate host with each candidate address. */
  readonly pairs: readonly PairTraffic[];
  readonly adminContacts: readonly AdminContact[];
}

export interface IncidentFactsOptions {
  /** The monitored networks. */
  readonly internal: readonly IpRange[];
  /** Internal hosts of the findings. */
  readonly hosts: readonly string[];
  /** External addresses and names of the findings. */
  readonly ips: readonly string[];
  readonly domains: readonly string[];
  /**
   * Administration-port connections between candidate hosts: to each target, those in the
   * `lookbackSeconds` before its `before` time that each sent at least `minBytes`.
   */
  readonly admin?: {
    readonly targets: readonly { readonly ip: string; readonly before: string }[];
    readonly ports: readonly number[];
    readonly lookbackSeconds: number;
    readonly minBytes: number;
  };
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** The aggregates incident correlation reads, as one dialect computes them. */
export interface IncidentFactsSql {
  /** DNS, certificate, JA3S, protocol, traffic and lateral facts about the findings' hosts and endpoints. */
  incidentFacts(s: AnalyticsSession, opts: IncidentFactsOptions): Promise<IncidentFacts>;
}

/** The aggregates per SQL dialect. */
export const incidentFactsSql: PerSqlDialect<IncidentFactsSql> = { duckdb: duckdbIncidentFacts };

/** DNS, certificate, JA3S, protocol, traffic and lateral facts about the findings' hosts and endpoints. */
export function incidentFacts(s: AnalyticsSession, opts: IncidentFactsOptions): Promise<IncidentFacts> {
  return incidentFactsSql[s.dialect].incidentFacts(s, opts);
}
