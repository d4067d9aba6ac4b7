import type { Attribution } from '../../domain/attribution.js';
import { type Severity, severities } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';

/** One alert: what a SIEM or SOAR needs to open a case, as one JSON object. */
export interface Alert {
  readonly type: 'mamori.incident';
  readonly incidentId: string;
  readonly severity: Severity;
  /** The severity it was last alerted at; null for a new incident. */
  readonly previousSeverity: Severity | null;
  readonly verdict: 'suspicious' | 'likely-benign';
  readonly summary: string;
  readonly hosts: number;
  readonly servers: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The top named hypothesis, or null when only `unknown` is left. */
  readonly actor: { readonly name: string; readonly term: string; readonly probability: number } | null;
  readonly techniques: readonly string[];
  readonly link: string;
  readonly alertedAt: string;
}

/** Builds the alert for an incident; `baseUrl` is the UI's address (no trailing slash). */
export function buildAlert(
  incident: Incident,
  attribution: Attribution | null,
  previous: Severity | null,
  opts: { readonly baseUrl: string; readonly now?: Date },
): Alert {
  const top = attribution?.hypotheses.find((h) => h.actor !== 'unknown') ?? null;
  return {
    type: 'mamori.incident',
    incidentId: incident.id,
    severity: incident.severity,
    previousSeverity: previous,
    verdict: incident.verdict ?? 'suspicious',
    summary: incident.summary,
    hosts: incident.hosts.length,
    servers: incident.servers.length,
    firstSeen: incident.firstSeen,
    lastSeen: incident.lastSeen,
    actor: top ? { name: top.actor, term: top.term, probability: top.probability } : null,
    techniques: [...incident.techniques],
    link: `${opts.baseUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(incident.id)}`,
    alertedAt: (opts.now ?? new Date()).toISOString(),
  };
}

/** Rank of a severity (low 0 … critical 3); unknown text ranks below low. */
export function severityRank(s: string | null): number {
  return s === null ? -1 : (severities as readonly string[]).indexOf(s);
}

/** Reads a stored severity back; anything unknown is null. */
export function parseSeverity(s: string | null): Severity | null {
  return s !== null && (severities as readonly string[]).includes(s) ? (s as Severity) : null;
}
