import type { IpRange } from '../../net/ip-range.js';
import type { AnalyticsSession, TelemetryWindow } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbLongConnections } from './sql/duckdb.js';

/** Connection time between one originator and one responder address. */
export interface ConnectionDurations {
  readonly origH: string;
  readonly respH: string;
  readonly ports: readonly number[];
  readonly connections: number;
  /** Seconds of the longest single connection (open ones counted up to now). */
  readonly longest: number;
  /** Seconds of all connections together. */
  readonly total: number;
  /** Connections still open at the end of the logs. */
  readonly open: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** How many distinct internal hosts connect to this responder at all. */
  readonly prevalence: number;
}

/** Which pairs `connectionDurations` returns. */
export interface ConnectionDurationOptions extends TelemetryWindow {
  /** The monitored networks: only internal → external pairs are returned. */
  readonly internal: readonly IpRange[];
  readonly minLongest: number;
  readonly minTotal: number;
}

/**
 * The long TCP sessions of one internal host to one port of one external address, with what tells
 * a C2 session from an ordinary one: how many hosts use the port, and what else the host talks to.
 */
export interface PortSession {
  readonly origH: string;
  readonly respH: string;
  readonly port: number;
  /** Sessions of at least `minLongest` seconds (open ones counted with the time seen so far). */
  readonly sessions: number;
  readonly longest: number;
  readonly total: number;
  /** Of those, still open at the end of the logs. */
  readonly open: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** Distinct internal hosts with TCP connections to external addresses on this port. */
  readonly portHosts: number;
  /** Distinct external addresses the host reached besides this one (UDP 53 and 123 aside). */
  readonly otherExternal: number;
  /** Distinct internal addresses the host reached. */
  readonly internalPeers: number;
  /** Distinct internal hosts reaching this address at all. */
  readonly prevalence: number;
}

export interface PortSessionOptions extends TelemetryWindow {
  /** The monitored networks: only internal → external sessions count. */
  readonly internal: readonly IpRange[];
  /** Sessions shorter than this (seconds) are left out. */
  readonly minLongest: number;
  /**
   * Sessions on everyday service ports (`common-ports.ts`) and dynamic ports (49152 and up) are
   * returned only from hosts reaching at most this many other external addresses.
   */
  readonly maxOtherExternal: number;
}

/** The long-connections aggregates one dialect computes. */
export interface LongConnectionsSql {
  /** Pairs whose longest connection or total time reaches the given seconds. */
  connectionDurations(s: AnalyticsSession, opts: ConnectionDurationOptions): Promise<ConnectionDurations[]>;
  /** Long sessions on unusual ports, or from hosts that otherwise stay inside. */
  portSessions(s: AnalyticsSession, opts: PortSessionOptions): Promise<PortSession[]>;
}

/** The aggregates per SQL dialect. */
export const longConnectionsSql: PerSqlDialect<LongConnectionsSql> = { duckdb: duckdbLongConnections };

/** Pairs whose longest connection or total time reaches the given seconds. */
export function connectionDurations(
  s: AnalyticsSession,
  opts: ConnectionDurationOptions,
): Promise<ConnectionDurations[]> {
  return longConnectionsSql[s.dialect].connectionDurations(s, opts);
}

/** Long sessions on unusual ports, or from hosts that otherwise stay inside. */
export function portSessions(s: AnalyticsSession, opts: PortSessionOptions): Promise<PortSession[]> {
  return longConnectionsSql[s.dialect].portSessions(s, opts);
}
