import type { IpRange } from '../../net/ip-range.js';
import type { AnalyticsSession } from '../../store/analytics-session.js';
import type { PerSqlDialect } from '../../store/sql/sql-dialect.js';
import { duckdbSuricataAlerts } from './sql/duckdb.js';

/** One distinct IDS rule seen in the alerts table (gid, signature id and text). */
export interface AlertSignature {
  /** Key the groups refer to; valid within one `alertGroups` answer. */
  readonly key: number;
  readonly gid: number | null;
  readonly signatureId: number | null;
  /** The rule's message ('' when the alert had none). */
  readonly signature: string;
  /** The most frequent category (classtype description). */
  readonly category: string | null;
  /** The most severe (lowest) Suricata severity seen. */
  readonly severity: number | null;
  /** The rule's metadata as JSON text (`{"malware_family": ["…"], …}`). */
  readonly metadata: string | null;
  readonly alerts: number;
}

/** How high a signature could score, per flow direction; `null` leaves its alerts out. */
export interface AlertRank {
  readonly outbound: number;
  readonly inbound: number;
}

/**
 * The alerts of one signature between one internal host and one external endpoint, in one flow
 * direction. The direction is the flow's, not the alerting packet's: a rule that fires on a server's
 * answer to an internal client is still outbound.
 */
export interface AlertGroup {
  readonly host: string;
  readonly endpoint: string;
  /** True when the internal host started the flows. */
  readonly outbound: boolean;
  /** `AlertSignature.key`. */
  readonly signature: number;
  readonly alerts: number;
  /** Distinct flows with this signature. */
  readonly flows: number;
  readonly first: string;
  readonly last: string;
  /** The server side's ports, most alerts first (at most 5). */
  readonly ports: readonly number[];
  /** The most bytes the flow's server side sent in one alerted flow, when known. */
  readonly serverBytes: number | null;
  /** An HTTP Host or TLS SNI the alerts carried. */
  readonly domain: string | null;
  /** Distinct alerted flows between the host and the endpoint, over every signature. */
  readonly pairFlows: number;
  /** Distinct internal hosts this signature fired for, in this direction. */
  readonly signatureHosts: number;
  /** Distinct internal hosts with alerts involving this endpoint. */
  readonly endpointHosts: number;
  /** Distinct external clients with inbound alerts against this host. */
  readonly inboundSources: number;
}

/** What `alertGroups` returns: the rules, their groups, and the size of the network. */
export interface AlertGroups {
  readonly signatures: readonly AlertSignature[];
  readonly groups: readonly AlertGroup[];
  /** Internal addresses seen in telemetry (the prevalence denominator). */
  readonly internalHosts: number;
}

export interface AlertGroupsOptions {
  /** The monitored networks: only internal ↔ external alerts are grouped. */
  readonly internal: readonly IpRange[];
  /**
   * Called once per distinct signature before any alert row is grouped: signatures it answers null
   * for are skipped, the others' ranks decide which endpoints are kept per host.
   */
  readonly rank: (s: AlertSignature) => AlertRank | null;
  /** At most this many endpoints per internal host, the best ranked. */
  readonly perHost: number;
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}

/** The suricata-alerts aggregates one dialect computes. */
export interface SuricataAlertsSql {
  /** IDS alerts grouped per internal host, external endpoint, direction and signature. */
  alertGroups(s: AnalyticsSession, opts: AlertGroupsOptions): Promise<AlertGroups>;
}

/** The aggregates per SQL dialect. */
export const suricataAlertsSql: PerSqlDialect<SuricataAlertsSql> = { duckdb: duckdbSuricataAlerts };

/** IDS alerts grouped per internal host, external endpoint, direction and signature. */
export function alertGroups(s: AnalyticsSession, opts: AlertGroupsOptions): Promise<AlertGroups> {
  return suricataAlertsSql[s.dialect].alertGroups(s, opts);
}
