import type { IpRange } from '../../net/ip-range.js';
import type { AnalyticsSession, TelemetryWindow } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbBeaconing } from './sql/duckdb.js';

/**
 * The connections of one internal host to one external server, as series. A server is keyed by its
 * address; by its name (SNI, HTTP Host, DNS answer) when the name spans several addresses or is
 * reached through a proxy; and by an uncommon port reached at several addresses. C2 that moves across
 * IPs stays one series either way.
 */
export interface ConnectionSeries {
  readonly origH: string;
  readonly keyedBy: 'ip' | 'name' | 'port';
  /** For a port series, 'PORT/PROTO' (one host, several addresses, a port few hosts use). */
  readonly port: string | null;
  /** The external addresses, most used first: one for an address series, none when only a proxy was seen. */
  readonly ips: readonly string[];
  /** The names seen for the server, most used first; a name series' key comes first. */
  readonly names: readonly string[];
  /** Internal proxies the host reached the server through (HTTP CONNECT or absolute-URI requests). */
  readonly proxies: readonly string[];
  /** The responder ports used, most used first. */
  readonly ports: readonly number[];
  readonly connections: number;
  /** Connection start times, epoch seconds, ascending. */
  readonly times: readonly number[];
  /** Bytes sent by the originator per connection, in the same order. */
  readonly origBytes: readonly number[];
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** How many distinct internal hosts talk to this server (address or name). */
  readonly prevalence: number;
}

/** Which series `connectionSeries` returns, and in what pages. */
export interface ConnectionSeriesOptions {
  /** Pairs with fewer connections are left out. */
  readonly minConnections: number;
  /** Servers more internal hosts than this reach are left out (default: none). */
  readonly maxPrevalence?: number;
  /** The monitored networks: only internal → external pairs are returned. */
  readonly internal: readonly IpRange[];
  /** Pairs per page (memory stays bounded by one page). */
  readonly pageSize?: number;
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** The beaconing aggregates one dialect computes. */
export interface BeaconingSql {
  /** Outbound pairs with their series, a page at a time. */
  connectionSeries(s: AnalyticsSession, opts: ConnectionSeriesOptions): AsyncIterable<ConnectionSeries[]>;
  /** Distinct clock hours with any connection, TLS or HTTP record in the scope: how long its sensors watched. */
  activeHours(s: AnalyticsSession, opts: TelemetryWindow): Promise<number>;
}

/** The aggregates per SQL dialect. */
export const beaconingSql: PerSqlDialect<BeaconingSql> = { duckdb: duckdbBeaconing };

/** Outbound pairs with their series, a page at a time. */
export function connectionSeries(
  s: AnalyticsSession,
  opts: ConnectionSeriesOptions,
): AsyncIterable<ConnectionSeries[]> {
  return beaconingSql[s.dialect].connectionSeries(s, opts);
}

/** Distinct clock hours with any connection, TLS or HTTP record in the scope: how long its sensors watched. */
export function activeHours(s: AnalyticsSession, opts: TelemetryWindow): Promise<number> {
  return beaconingSql[s.dialect].activeHours(s, opts);
}
