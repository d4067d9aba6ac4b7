import type { IpRange } from '../../net/ip-range.js';
import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbFanOut } from './sql/duckdb.js';

/** One host reaching many external addresses on one uncommon port. */
export interface PortFanOut {
  readonly origH: string;
  readonly port: number;
  readonly proto: string;
  /** Distinct external addresses. */
  readonly destinations: number;
  /** Distinct /24 (IPv4) or /48 (IPv6) networks among them. */
  readonly networks: number;
  readonly topNetworks: readonly { network: string; destinations: number }[];
  /** Up to 20 of the addresses. */
  readonly sampleIps: readonly string[];
  readonly flows: number;
  /** Flows the responder answered (bytes or packets back). */
  readonly answered: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: string;
  readonly last: string;
  /** Internal hosts that use this port to external addresses at all. */
  readonly prevalence: number;
}

/** Which hosts and ports `portFanOut` returns. */
export interface PortFanOutOptions {
  readonly internal: readonly IpRange[];
  /** Hosts reaching fewer distinct addresses on the port are left out. */
  readonly minDestinations: number;
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** The fan-out aggregates one dialect computes. */
export interface FanOutSql {
  /** Hosts reaching many external addresses on one uncommon port (ports of everyday services excluded). */
  portFanOut(s: AnalyticsSession, opts: PortFanOutOptions): Promise<PortFanOut[]>;
}

/** The aggregates per SQL dialect. */
export const fanOutSql: PerSqlDialect<FanOutSql> = { duckdb: duckdbFanOut };

/** Hosts reaching many external addresses on one uncommon port (ports of everyday services excluded). */
export function portFanOut(s: AnalyticsSession, opts: PortFanOutOptions): Promise<PortFanOut[]> {
  return fanOutSql[s.dialect].portFanOut(s, opts);
}
