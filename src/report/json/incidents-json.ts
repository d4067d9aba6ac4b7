import type { Attribution, Evidence, Hypothesis } from '../../domain/attribution.js';
import type { Incident, IncidentServer } from '../../domain/incident.js';
import { type IncidentTriage, type TriageStatus, triageStatusOf } from '../../domain/triage.js';
import type { AttributedIncident, ReportInput, SharingNote, SuppressionNote } from '../report-format.js';

/**
 * Version of the JSON contract (docs/report-json-schema.md). Bump it when a documented field changes
 * meaning or disappears; adding fields does not need a bump.
 */
export const incidentsJsonSchemaVersion = 1;

/** One evidence item as the contract states it. */
export interface EvidenceJson {
  readonly id: string;
  readonly kind: Evidence['kind'];
  readonly observation: string;
  readonly source: string;
  readonly actors: readonly string[];
  readonly likelihoodRatio: number;
  readonly why: string;
}

/** One hypothesis: `actor` is the canonical name, or `unknown`. */
export interface HypothesisJson {
  readonly actor: string;
  readonly actorId: string | null;
  readonly aliases: readonly string[];
  readonly attackId: string | null;
  readonly probability: number;
  readonly term: Hypothesis['term'];
  readonly likelihood: number;
  readonly evidence: readonly EvidenceJson[];
}

export interface AttributionJson {
  readonly hypotheses: readonly HypothesisJson[];
  readonly confidence: Attribution['confidence'];
  readonly assessment: string;
  readonly evidence: readonly EvidenceJson[];
  readonly ach: Attribution['ach'];
  readonly modelVersion: string;
}

export interface ServerJson {
  /** The first address (empty when the server is known only by name). */
  readonly ip: string;
  readonly ips: readonly string[];
  readonly domains: readonly string[];
  readonly ports: readonly number[];
  /** `c2`, `delivery` or `exfiltration` (see IncidentServer.role). */
  readonly role: string;
  readonly protocols: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly warninglists: readonly string[];
}

export interface HostJson {
  readonly ip: string;
  readonly firstCompromise: string;
  readonly lastActivity: string;
  readonly findings: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
}

export interface FindingJson {
  readonly detector: string;
  readonly host: string;
  readonly endpointIp: string | null;
  readonly endpointDomain: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly score: number;
  readonly severity: string;
  readonly techniques: readonly string[];
  readonly explanation: string;
}

/** The analyst's triage: `open` with nulls when nobody has decided yet. */
export interface TriageJson {
  readonly status: TriageStatus;
  readonly note: string | null;
  readonly by: string | null;
  readonly at: string | null;
}

export interface IncidentJson {
  readonly id: string;
  readonly summary: string;
  /** The sensors (comma-separated) of the network the hosts are in; `null` when not recorded. */
  readonly network: string | null;
  readonly internalHosts: readonly string[];
  readonly externalServers: readonly ServerJson[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly techniques: readonly string[];
  /** `null` when attribution did not run (no knowledge base installed). */
  readonly attribution: AttributionJson | null;
  readonly score: number;
  readonly severity: string;
  /** `likely-benign` for a look-alike to review (routine volume, a lone schedule, nothing corroborating). */
  readonly verdict: 'suspicious' | 'likely-benign';
  /** Why it is likely benign, one sentence each; empty when suspicious. */
  readonly verdictReasons: readonly string[];
  readonly hosts: readonly HostJson[];
  readonly findings: readonly FindingJson[];
  readonly triage: TriageJson;
}

export interface IncidentsJson {
  readonly schemaVersion: typeof incidentsJsonSchemaVersion;
  readonly generatedAt: string;
  readonly tool: ReportInput['tool'];
  readonly tlp: ReportInput['tlp'];
  readonly title?: string;
  readonly source?: string;
  /** Present on `report --format json` exports: what the sharing rules withheld or left out. */
  readonly sharing?: SharingNote;
  /** Present on `hunt --json`: what each active suppression dropped before correlation. */
  readonly suppressions?: readonly SuppressionNote[];
  readonly incidents: readonly IncidentJson[];
}

function evidenceJson(e: Evidence): EvidenceJson {
  return {
    id: e.id,
    kind: e.kind,
    observation: e.observation,
    source: e.source,
    actors: [...e.actors],
    likelihoodRatio: e.likelihoodRatio,
    why: e.why,
  };
}

function hypothesisJson(h: Hypothesis): HypothesisJson {
  return {
    actor: h.actor,
    actorId: h.actorId,
    aliases: [...h.aliases],
    attackId: h.attackId,
    probability: h.probability,
    term: h.term,
    likelihood: h.likelihood,
    evidence: h.evidence.map(evidenceJson),
  };
}

/** The contract's attribution; hypotheses re-sorted defensively so the order is always guaranteed. */
export function attributionJson(a: Attribution): AttributionJson {
  const hypotheses = [...a.hypotheses].sort((x, y) => y.probability - x.probability);
  return {
    hypotheses: hypotheses.map(hypothesisJson),
    confidence: a.confidence,
    assessment: a.assessment,
    evidence: a.evidence.map(evidenceJson),
    ach: { hypotheses: [...a.ach.hypotheses], rows: a.ach.rows.map((r) => ({ ...r, marks: [...r.marks] })) },
    modelVersion: a.modelVersion,
  };
}

function serverJson(s: IncidentServer): ServerJson {
  return {
    ip: s.ips[0] ?? '',
    ips: [...s.ips],
    domains: [...s.domains],
    ports: [...s.ports],
    role: s.role,
    protocols: [...s.protocols],
    firstSeen: s.first,
    lastSeen: s.last,
    bytesOut: s.bytesOut,
    bytesIn: s.bytesIn,
    warninglists: [...s.warninglists],
  };
}

/** The contract's triage of an incident that may never have been triaged. */
export function triageJson(t: IncidentTriage | null | undefined): TriageJson {
  return { status: triageStatusOf(t), note: t?.note ?? null, by: t?.by ?? null, at: t?.at ?? null };
}

/** One incident in the versioned JSON contract. */
export function incidentJson(
  incident: Incident,
  attribution: Attribution | null,
  triage?: IncidentTriage | null,
): IncidentJson {
  return {
    id: incident.id,
    summary: incident.summary,
    network: incident.scope ?? null,
    internalHosts: incident.hosts.map((h) => h.ip),
    externalServers: incident.servers.map(serverJson),
    firstSeen: incident.firstSeen,
    lastSeen: incident.lastSeen,
    bytesOut: incident.bytesOut,
    bytesIn: incident.bytesIn,
    techniques: [...incident.techniques],
    attribution: attribution ? attributionJson(attribution) : null,
    score: incident.score,
    severity: incident.severity,
    verdict: incident.verdict ?? 'suspicious',
    verdictReasons: [...(incident.verdictReasons ?? [])],
    hosts: incident.hosts.map((h) => ({ ...h })),
    findings: incident.findings.map((f) => ({
      detector: f.detector,
      host: f.host,
      endpointIp: f.endpointIp,
      endpointDomain: f.endpointDomain,
      firstSeen: f.first,
      lastSeen: f.last,
      score: f.score,
      severity: f.severity,
      techniques: [...f.techniques],
      explanation: f.explanation,
    })),
    triage: triageJson(triage),
  };
}

/** The document `hunt --format json` and `incidents --json` print. */
export function incidentsJson(input: ReportInput): IncidentsJson {
  return {
    schemaVersion: incidentsJsonSchemaVersion,
    generatedAt: input.generatedAt,
    tool: { name: input.tool.name, version: input.tool.version },
    tlp: input.tlp,
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.sharing !== undefined
      ? { sharing: { ...input.sharing, leftOut: input.sharing.leftOut.map((l) => ({ ...l })) } }
      : {}),
    ...(input.suppressions !== undefined
      ? { suppressions: input.suppressions.map((x) => ({ ...x, keptForIntel: [...x.keptForIntel] })) }
      : {}),
    incidents: input.incidents.map((i: AttributedIncident) =>
      incidentJson(i.incident, i.attribution, i.triage),
    ),
  };
}
