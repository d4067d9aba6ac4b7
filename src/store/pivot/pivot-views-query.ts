import type { AnalyticsSession } from '../analytics-session.js';
import type { PerSqlDialect } from '../sql/sql-dialect.js';
import { duckdbPivotViews } from './sql/duckdb-pivot-views.js';

// The aggregates behind the server's pivot pages (a host, an endpoint, a host–server pair, search,
// an actor's sightings). Each reads one network when given its sensors.

/** Traffic totals of a set of connections. */
export interface TrafficTotals {
  readonly first: string | null;
  readonly last: string | null;
  readonly connections: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
}

/** One peer of a host or endpoint, with its traffic. */
export interface Peer extends TrafficTotals {
  readonly ip: string;
  readonly ports: number[];
}

/** What the telemetry says about one address as an originator. */
export interface HostTelemetry {
  /** Connections it originated. */
  readonly outbound: TrafficTotals;
  /** Connections it answered. */
  readonly inbound: TrafficTotals;
  /** Where it connected most, by connections. */
  readonly topDestinations: Peer[];
  /** Names it looked up most. */
  readonly topQueries: { readonly name: string; readonly count: number }[];
}

/** A TLS server identity seen for an endpoint. */
export interface CertificateSeen {
  readonly serverName: string | null;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly ja3s: string | null;
  readonly sessions: number;
  readonly first: string | null;
  readonly last: string | null;
}

/** What the telemetry says about one server (its addresses, and its names when it is a domain). */
export interface EndpointTelemetry {
  readonly totals: TrafficTotals;
  /** Internal or external hosts that connected to it, most connections first. */
  readonly clients: Peer[];
  readonly ports: {
    readonly port: number;
    readonly proto: string | null;
    readonly connections: number;
  }[];
  readonly certificates: CertificateSeen[];
  /** Client TLS fingerprints seen towards it. */
  readonly ja3: { readonly ja3: string; readonly sessions: number }[];
}

/** A stored incident that involves a value, from the latest hunt. */
export interface IncidentMention {
  readonly id: string;
  readonly severity: string;
  readonly score: number;
  readonly summary: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly scope: string | null;
  /** How the value appears in it: as a host or as a server. */
  readonly as: 'host' | 'server';
}

/** One bucket of a histogram of seconds between a pair's connections: [from, to) seconds. */
export interface IntervalBucket {
  readonly from: number;
  readonly to: number | null;
  readonly count: number;
}

/** Traffic of a pair in one time bucket starting at `t`. */
export interface SeriesPoint {
  readonly t: string;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly connections: number;
}

/** The raw aggregates of a pair's charts. */
export interface PairAggregates {
  readonly intervals: IntervalBucket[];
  readonly medianSeconds: number | null;
  readonly madSeconds: number | null;
  /** Gaps measured (connections − 1). */
  readonly gaps: number;
  readonly series: SeriesPoint[];
}

/** Where a searched value appears in the telemetry: a table's field, how often, by how many hosts. */
export interface TelemetryHit {
  readonly table: string;
  readonly field: string;
  readonly rows: number;
  readonly hosts: number;
  readonly first: string | null;
  readonly last: string | null;
}

/** A searched value's kind, as search detects it. */
export type SearchKind = 'ip' | 'cidr' | 'domain' | 'md5' | 'sha1' | 'sha256' | 'ja3' | 'ja4' | 'text';

/** An indicator of an entity, as its profile lists them. */
export interface EntityIndicator {
  readonly type: string;
  readonly value: string;
  readonly port: number | null;
  readonly confidence: number | null;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly warninglists: string[];
}

/** An indicator value seen in our telemetry, with when it was first seen. */
export interface Sighting {
  readonly type: string;
  readonly value: string;
  readonly firstSeen: string | null;
}

/** The pivot aggregates one dialect computes. */
export interface PivotViewsSql {
  hostTelemetry(s: AnalyticsSession, ip: string, sensors?: readonly string[]): Promise<HostTelemetry>;
  endpointTelemetry(
    s: AnalyticsSession,
    target: { readonly ips: string[]; readonly names: readonly string[] },
    sensors?: readonly string[],
  ): Promise<EndpointTelemetry>;
  /** Incidents of the latest hunt with the value as a host address or in a server's addresses or names. */
  incidentsWith(s: AnalyticsSession, value: string, scope?: string): Promise<IncidentMention[]>;
  /**
   * A pair's gaps between successive connections bucketed at `edges` (seconds, ascending; the last
   * bucket is open), their median and MAD, and bytes and connections per `step` seconds.
   */
  pairAggregates(
    s: AnalyticsSession,
    pair: { readonly host: string; readonly ips: string[]; readonly sensors?: readonly string[] },
    edges: readonly number[],
  ): Promise<PairAggregates & { readonly step: number }>;
  /** Where a value of a kind appears in the telemetry, one hit per table and field with rows. */
  telemetryHits(
    s: AnalyticsSession,
    q: {
      readonly kind: SearchKind;
      readonly value: string;
      readonly range?: { readonly v: 4 | 6; readonly lo: bigint; readonly hi: bigint };
    },
    sensors?: readonly string[],
  ): Promise<TelemetryHit[]>;
  /** Addresses seen inside a range, most connections first. */
  addressesIn(
    s: AnalyticsSession,
    range: { readonly v: 4 | 6; readonly lo: bigint; readonly hi: bigint },
    limit: number,
  ): Promise<string[]>;
  /** An entity's indicators by type and value, one page, with the total. */
  entityIndicators(
    s: AnalyticsSession,
    id: string,
    page: { readonly offset: number; readonly limit: number },
  ): Promise<{ readonly total: number; readonly items: EntityIndicator[] }>;
  /** An entity's indicators (addresses, names, file hashes) seen in our telemetry. */
  entitySightings(s: AnalyticsSession, id: string, limit: number): Promise<Sighting[]>;
  /** Whether an indicator value was seen in our telemetry (address, name or file hash). */
  valueSighting(s: AnalyticsSession, value: string): Promise<Sighting | null>;
}

/** The aggregates per SQL dialect. */
export const pivotViewsSql: PerSqlDialect<PivotViewsSql> = { duckdb: duckdbPivotViews };

/** The pivot aggregates of the session's dialect. */
export function pivotViews(s: AnalyticsSession): PivotViewsSql {
  return pivotViewsSql[s.dialect];
}
