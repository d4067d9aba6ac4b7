// The one place the aggregate contract suite calls aggregates: each detector folder's
// `<name>-query.ts` function (and the correlator's `incidents/incident-facts-query.ts`) on the
// store's analytics session.

import type {
  ConnectionSeries,
  ConnectionSeriesOptions,
} from '../../src/detect/beaconing/beaconing-query.js';
import * as beaconing from '../../src/detect/beaconing/beaconing-query.js';
import type {
  DgaAggregate,
  DgaOptions,
  DgaResolved,
  DgaResolvedOptions,
} from '../../src/detect/dga/dga-query.js';
import * as dga from '../../src/detect/dga/dga-query.js';
import type {
  DnsTunnelAggregate,
  DnsTunnelOptions,
} from '../../src/detect/dns-tunnelling/dns-tunnelling-query.js';
import * as tunnel from '../../src/detect/dns-tunnelling/dns-tunnelling-query.js';
import type {
  ExfilCandidateOptions,
  ExfilCandidates,
} from '../../src/detect/exfiltration/exfiltration-query.js';
import * as exfil from '../../src/detect/exfiltration/exfiltration-query.js';
import type { PortFanOut, PortFanOutOptions } from '../../src/detect/fan-out/fan-out-query.js';
import * as fanOut from '../../src/detect/fan-out/fan-out-query.js';
import type {
  ConnectionDurations,
  PortSession,
  PortSessionOptions,
} from '../../src/detect/long-connections/long-connections-query.js';
import * as long from '../../src/detect/long-connections/long-connections-query.js';
import type { NetworkEvidence, TrafficMix } from '../../src/detect/network-scope/network-scope-query.js';
import * as network from '../../src/detect/network-scope/network-scope-query.js';
import type {
  PayloadDownload,
  PayloadDownloadsOptions,
} from '../../src/detect/payload-delivery/payload-delivery-query.js';
import * as payload from '../../src/detect/payload-delivery/payload-delivery-query.js';
import type {
  RareDestinations,
  RareDestinationsOptions,
} from '../../src/detect/rare-destinations/rare-destinations-query.js';
import * as rare from '../../src/detect/rare-destinations/rare-destinations-query.js';
import * as names from '../../src/detect/shared/address-names-query.js';
import type { DnsWindowOptions } from '../../src/detect/shared/dns-query.js';
import * as evidence from '../../src/detect/shared/finding-evidence-query.js';
import * as shared from '../../src/detect/shared/shared-query.js';
import type {
  AlertGroups,
  AlertGroupsOptions,
} from '../../src/detect/suricata-alerts/suricata-alerts-query.js';
import * as alerts from '../../src/detect/suricata-alerts/suricata-alerts-query.js';
import * as threatIntel from '../../src/detect/threat-intel/threat-intel-query.js';
import type {
  TlsHttpOddities,
  TlsHttpOdditiesOptions,
} from '../../src/detect/tls-http-oddities/tls-http-oddities-query.js';
import * as oddities from '../../src/detect/tls-http-oddities/tls-http-oddities-query.js';
import type { FindingEvidence } from '../../src/domain/finding.js';
import type { IncidentFacts, IncidentFactsOptions } from '../../src/incidents/incident-facts-query.js';
import * as facts from '../../src/incidents/incident-facts-query.js';
import * as ja3 from '../../src/incidents/suppression/ja3-pairs-query.js';
import type { TelemetryWindow } from '../../src/store/analytics-session.js';
import type { Store } from '../../src/store/store.js';

export type { ConnectionSeries } from '../../src/detect/beaconing/beaconing-query.js';
export type { DgaAggregate, DgaResolved } from '../../src/detect/dga/dga-query.js';
export type {
  DnsTunnelAggregate,
  DnsTunnelCandidate,
} from '../../src/detect/dns-tunnelling/dns-tunnelling-query.js';
export type { ExfilCandidates } from '../../src/detect/exfiltration/exfiltration-query.js';
export type { PortFanOut } from '../../src/detect/fan-out/fan-out-query.js';
export type {
  ConnectionDurations,
  PortSession,
} from '../../src/detect/long-connections/long-connections-query.js';
export type { NetworkEvidence, TrafficMix } from '../../src/detect/network-scope/network-scope-query.js';
export type { PayloadDownload } from '../../src/detect/payload-delivery/payload-delivery-query.js';
export type {
  RareDestinations,
  RareEndpoint,
} from '../../src/detect/rare-destinations/rare-destinations-query.js';
export type {
  AlertGroups,
  AlertGroupsOptions,
  AlertSignature,
} from '../../src/detect/suricata-alerts/suricata-alerts-query.js';
export type {
  OddEndpoint,
  TlsHttpOddities,
} from '../../src/detect/tls-http-oddities/tls-http-oddities-query.js';
export type { IncidentFacts } from '../../src/incidents/incident-facts-query.js';
export type { TelemetryWindow } from '../../src/store/analytics-session.js';

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
  'findingEvidence',
  'ja3Pairs',
] as const;

/** An aggregate's name. */
export type AggregateName = (typeof aggregateNames)[number];

/** Every page of the connection series, in page order. */
export async function connectionSeries(
  store: Store,
  opts: ConnectionSeriesOptions,
): Promise<ConnectionSeries[]> {
  const rows: ConnectionSeries[] = [];
  for await (const page of beaconing.connectionSeries(store.analytics, opts)) rows.push(...page);
  return rows;
}

/** Distinct clock hours with any connection, TLS or HTTP record. */
export const activeHours = (store: Store, opts: TelemetryWindow): Promise<number> =>
  beaconing.activeHours(store.analytics, opts);

/** Distinct internal originators. */
export const internalOriginators = (store: Store, opts: InternalWindow): Promise<number> =>
  shared.internalOriginators(store.analytics, opts);

/** Internal hosts used as an explicit web proxy. */
export const internalProxies = (store: Store, opts: InternalWindow): Promise<string[]> =>
  shared.internalProxies(store.analytics, opts);

/** Hosts reaching many external addresses on one uncommon port. */
export const portFanOut = (store: Store, opts: PortFanOutOptions): Promise<PortFanOut[]> =>
  fanOut.portFanOut(store.analytics, opts);

/** Pairs with a long connection or a long total. */
export const connectionDurations = (
  store: Store,
  opts: InternalWindow & { readonly minLongest: number; readonly minTotal: number },
): Promise<ConnectionDurations[]> => long.connectionDurations(store.analytics, opts);

/** Long TCP sessions on unusual ports, or from hosts that otherwise stay inside. */
export const portSessions = (store: Store, opts: PortSessionOptions): Promise<PortSession[]> =>
  long.portSessions(store.analytics, opts);

/** The sensors the telemetry holds. */
export const sensors = (store: Store): Promise<string[]> => shared.sensors(store.analytics);

/** The sensors the given ingested files were stored under. */
export const sensorsOf = (store: Store, opts: { readonly files: readonly string[] }): Promise<string[]> =>
  shared.sensorsOf(store.analytics, opts.files);

/** Outbound pairs that sent a lot, with their hosts' hourly baselines. */
export const exfilCandidates = (store: Store, opts: ExfilCandidateOptions): Promise<ExfilCandidates> =>
  exfil.exfilCandidates(store.analytics, opts);

/** Distinct internal hosts per domain (SNI, Host or DNS query at or under it). */
export const exfilDomainPrevalence = (
  store: Store,
  opts: InternalWindow & { readonly domains: readonly string[] },
): Promise<readonly { readonly domain: string; readonly hosts: number }[]> =>
  exfil.exfilDomainPrevalence(store.analytics, opts);

/** Internal client × domain pairs with many long distinct names. */
export const dnsTunnelCandidates = (store: Store, opts: DnsTunnelOptions): Promise<DnsTunnelAggregate> =>
  tunnel.dnsTunnelCandidates(store.analytics, opts);

/** Internal clients with NXDOMAIN bursts. */
export const dgaCandidates = (store: Store, opts: DgaOptions): Promise<DgaAggregate> =>
  dga.dgaCandidates(store.analytics, opts);

/** Rarely asked names the given hosts resolved. */
export const dgaResolved = (store: Store, opts: DgaResolvedOptions): Promise<DgaResolved[]> =>
  dga.dgaResolved(store.analytics, opts);

/** Internal resolvers with their client counts. */
export const dnsResolvers = (store: Store, opts: DnsWindowOptions): Promise<ReadonlyMap<string, number>> =>
  threatIntel.dnsResolvers(store.analytics, opts);

/** Host ↔ endpoint pairs few internal hosts share, recurring over clock hours. */
export const rareDestinations = (store: Store, opts: RareDestinationsOptions): Promise<RareDestinations> =>
  rare.rareDestinations(store.analytics, opts);

/** Host ↔ endpoint pairs with TLS or HTTP oddities. */
export const tlsHttpOddities = (store: Store, opts: TlsHttpOdditiesOptions): Promise<TlsHttpOddities> =>
  oddities.tlsHttpOddities(store.analytics, opts);

/** Payload downloads from rare servers. */
export const payloadDownloads = (store: Store, opts: PayloadDownloadsOptions): Promise<PayloadDownload[]> =>
  payload.payloadDownloads(store.analytics, opts);

/** The names the network used for each address. */
export const addressNames = (
  store: Store,
  opts: TelemetryWindow & { readonly ips: readonly string[]; readonly maxNames: number },
): Promise<ReadonlyMap<string, readonly string[]>> => names.addressNames(store.analytics, opts);

/** IDS alerts grouped per host, endpoint, direction and signature. */
export const alertGroups = (store: Store, opts: AlertGroupsOptions): Promise<AlertGroups> =>
  alerts.alertGroups(store.analytics, opts);

/** How connections split across the monitored networks. */
export const trafficMix = (store: Store, opts: InternalWindow): Promise<TrafficMix> =>
  network.trafficMix(store.analytics, opts);

/** Address blocks that look like monitored networks. */
export const networkEvidence = (
  store: Store,
  opts: { readonly from?: string; readonly to?: string; readonly limit?: number },
): Promise<NetworkEvidence[]> => network.networkEvidence(store.analytics, opts);

/** Infrastructure facts about findings' hosts and endpoints. */
export const incidentFacts = (store: Store, opts: IncidentFactsOptions): Promise<IncidentFacts> =>
  facts.incidentFacts(store.analytics, opts);

/** The uids and community ids of the log rows behind each finding. */
export const findingEvidence = (
  store: Store,
  opts: evidence.FindingEvidenceOptions,
): Promise<FindingEvidence[]> => evidence.findingEvidence(store.analytics, opts);

/** Which finding pairs' TLS client hellos all carry one JA3 (a JA3 suppression's test). */
export const ja3Pairs = (store: Store, opts: ja3.Ja3PairsOptions): Promise<number[]> =>
  ja3.ja3Pairs(store.analytics, opts);
