// The one place the aggregate contract suite calls aggregates: when an aggregate moves (from
// `store.detect` to its detector's `<name>-query.ts`), only this file changes.

import type {
  PortSession,
  PortSessionOptions,
} from '../../src/detect/long-connections/long-connections-query.js';
import { portSessions as portSessionsQuery } from '../../src/detect/long-connections/long-connections-query.js';
import type { AlertGroups, AlertGroupsOptions } from '../../src/store/detect/alerts-aggregates.js';
import type {
  PayloadDownload,
  PayloadDownloadsOptions,
  RareDestinations,
  RareDestinationsOptions,
  TlsHttpOddities,
  TlsHttpOdditiesOptions,
} from '../../src/store/detect/destinations-aggregates.js';
import type {
  DgaAggregate,
  DgaOptions,
  DgaResolved,
  DgaResolvedOptions,
  DnsTunnelAggregate,
  DnsTunnelOptions,
  DnsWindowOptions,
} from '../../src/store/detect/dns-aggregates.js';
import type { ExfilCandidateOptions, ExfilCandidates } from '../../src/store/detect/exfil-aggregates.js';
import type { IncidentFacts, IncidentFactsOptions } from '../../src/store/detect/incident-aggregates.js';
import type { NetworkEvidence, TrafficMix } from '../../src/store/detect/network-aggregates.js';
import type {
  ConnectionDurations,
  ConnectionSeries,
  ConnectionSeriesOptions,
  PortFanOut,
  PortFanOutOptions,
  TelemetryWindow,
} from '../../src/store/detect-store.js';
import type { Store } from '../../src/store/store.js';

export type {
  AlertGroups,
  AlertGroupsOptions,
  AlertSignature,
} from '../../src/store/detect/alerts-aggregates.js';
export type {
  OddEndpoint,
  PayloadDownload,
  RareDestinations,
  RareEndpoint,
  TlsHttpOddities,
} from '../../src/store/detect/destinations-aggregates.js';
export type {
  DgaAggregate,
  DgaResolved,
  DnsTunnelAggregate,
  DnsTunnelCandidate,
} from '../../src/store/detect/dns-aggregates.js';
export type { ExfilCandidates } from '../../src/store/detect/exfil-aggregates.js';
export type { IncidentFacts } from '../../src/store/detect/incident-aggregates.js';
export type { NetworkEvidence, TrafficMix } from '../../src/store/detect/network-aggregates.js';
export type {
  ConnectionDurations,
  ConnectionSeries,
  PortFanOut,
  TelemetryWindow,
} from '../../src/store/detect-store.js';
export type { PortSession };

/** A window over the monitored networks, as most aggregates take it. */
type InternalWindow = TelemetryWindow & DnsWindowOptions;

/** Every detect aggregate by name; a new aggregate joins this list and gets its contract cases. */
export const aggregateNames = [
  'connectionSeries',
  'activeHours',
  'internalOriginators',
  'internalProxies',
  'portFanOut',
  'connectionDurations',
  'portSessions',
  'sensors',
  'sensorsOf',
  'exfilCandidates',
  'exfilDomainPrevalence',
  'dnsTunnelCandidates',
  'dgaCandidates',
  'dgaResolved',
  'dnsResolvers',
  'rareDestinations',
  'tlsHttpOddities',
  'payloadDownloads',
  'addressNames',
  'alertGroups',
  'trafficMix',
  'networkEvidence',
  'incidentFacts',
] as const;

/** An aggregate's name. */
export type AggregateName = (typeof aggregateNames)[number];

/** Every page of the connection series, in page order. */
export async function connectionSeries(
  store: Store,
  opts: ConnectionSeriesOptions,
): Promise<ConnectionSeries[]> {
  const rows: ConnectionSeries[] = [];
  for await (const page of store.detect.connectionSeries(opts)) rows.push(...page);
  return rows;
}

/** Distinct clock hours with any connection, TLS or HTTP record. */
export const activeHours = (store: Store, opts: TelemetryWindow): Promise<number> =>
  store.detect.activeHours(opts);

/** Distinct internal originators. */
export const internalOriginators = (store: Store, opts: InternalWindow): Promise<number> =>
  store.detect.internalOriginators(opts);

/** Internal hosts used as an explicit web proxy. */
export const internalProxies = (store: Store, opts: InternalWindow): Promise<string[]> =>
  store.detect.internalProxies(opts);

/** Hosts reaching many external addresses on one uncommon port. */
export const portFanOut = (store: Store, opts: PortFanOutOptions): Promise<PortFanOut[]> =>
  store.detect.portFanOut(opts);

/** Pairs with a long connection or a long total. */
export const connectionDurations = (
  store: Store,
  opts: InternalWindow & { readonly minLongest: number; readonly minTotal: number },
): Promise<ConnectionDurations[]> => store.detect.connectionDurations(opts);

/** Long TCP sessions on unusual ports, or from hosts that otherwise stay inside. */
export const portSessions = (store: Store, opts: PortSessionOptions): Promise<PortSession[]> =>
  portSessionsQuery(store.analytics, opts);

/** The sensors the telemetry holds. */
export const sensors = (store: Store): Promise<string[]> => store.detect.sensors();

/** The sensors the given ingested files were stored under. */
export const sensorsOf = (store: Store, opts: { readonly files: readonly string[] }): Promise<string[]> =>
  store.detect.sensorsOf(opts.files);

/** Outbound pairs that sent a lot, with their hosts' hourly baselines. */
export const exfilCandidates = (store: Store, opts: ExfilCandidateOptions): Promise<ExfilCandidates> =>
  store.detect.exfilCandidates(opts);

/** Distinct internal hosts per domain (SNI, Host or DNS query at or under it). */
export const exfilDomainPrevalence = (
  store: Store,
  opts: InternalWindow & { readonly domains: readonly string[] },
): Promise<readonly { readonly domain: string; readonly hosts: number }[]> =>
  store.detect.exfilDomainPrevalence(opts);

/** Internal client × domain pairs with many long distinct names. */
export const dnsTunnelCandidates = (store: Store, opts: DnsTunnelOptions): Promise<DnsTunnelAggregate> =>
  store.detect.dnsTunnelCandidates(opts);

/** Internal clients with NXDOMAIN bursts. */
export const dgaCandidates = (store: Store, opts: DgaOptions): Promise<DgaAggregate> =>
  store.detect.dgaCandidates(opts);

/** Rarely asked names the given hosts resolved. */
export const dgaResolved = (store: Store, opts: DgaResolvedOptions): Promise<DgaResolved[]> =>
  store.detect.dgaResolved(opts);

/** Internal resolvers with their client counts. */
export const dnsResolvers = (store: Store, opts: DnsWindowOptions): Promise<ReadonlyMap<string, number>> =>
  store.detect.dnsResolvers(opts);

/** Host ↔ endpoint pairs few internal hosts share, recurring over clock hours. */
export const rareDestinations = (store: Store, opts: RareDestinationsOptions): Promise<RareDestinations> =>
  store.detect.rareDestinations(opts);

/** Host ↔ endpoint pairs with TLS or HTTP oddities. */
export const tlsHttpOddities = (store: Store, opts: TlsHttpOdditiesOptions): Promise<TlsHttpOddities> =>
  store.detect.tlsHttpOddities(opts);

/** Payload downloads from rare servers. */
export const payloadDownloads = (store: Store, opts: PayloadDownloadsOptions): Promise<PayloadDownload[]> =>
  store.detect.payloadDownloads(opts);

/** The names the network used for each address. */
export const addressNames = (
  store: Store,
  opts: TelemetryWindow & { readonly ips: readonly string[]; readonly maxNames: number },
): Promise<ReadonlyMap<string, readonly string[]>> => store.detect.addressNames(opts);

/** IDS alerts grouped per host, endpoint, direction and signature. */
export const alertGroups = (store: Store, opts: AlertGroupsOptions): Promise<AlertGroups> =>
  store.detect.alertGroups(opts);

/** How connections split across the monitored networks. */
export const trafficMix = (store: Store, opts: InternalWindow): Promise<TrafficMix> =>
  store.detect.trafficMix(opts);

/** Address blocks that look like monitored networks. */
export const networkEvidence = (
  store: Store,
  opts: { readonly from?: string; readonly to?: string; readonly limit?: number },
): Promise<NetworkEvidence[]> => store.detect.networkEvidence(opts);

/** Infrastructure facts about findings' hosts and endpoints. */
export const incidentFacts = (store: Store, opts: IncidentFactsOptions): Promise<IncidentFacts> =>
  store.detect.incidentFacts(opts);
