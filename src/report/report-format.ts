import type { Attribution } from '../attribution/attribution.js';
import type { Incident } from '../incidents/incident.js';
import type { TechniqueNames } from './technique-names.js';

/** TLP 2.0 levels, least restrictive first. */
export const tlpLevels = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof tlpLevels)[number];

/** Triage states an analyst can give an incident (`open` until someone looks). */
export type ReportTriageStatus = 'open' | 'confirmed' | 'benign';

/**
 * An analyst's latest triage decision, as a report shows it. Shaped like the store's triage record
 * so that one can be passed as it is; every field but the status is optional.
 */
export interface ReportTriage {
  readonly status: ReportTriageStatus;
  /** Free text; may hold pasted attacker strings, so renderers escape it. */
  readonly note?: string | null;
  readonly by?: string;
  /** ISO 8601. */
  readonly at?: string;
}

/** One incident with its attribution; `null` when attribution did not run (no knowledge base). */
export interface AttributedIncident {
  readonly incident: Incident;
  readonly attribution: Attribution | null;
  /** Absent when the incident was never triaged (or the caller does not read triage). */
  readonly triage?: ReportTriage | null;
}

/** Everything a report is rendered from. Renderers are pure: the same input gives the same bytes. */
export interface ReportInput {
  readonly incidents: readonly AttributedIncident[];
  /** ISO 8601; the only time a renderer uses (never the clock). */
  readonly generatedAt: string;
  readonly tlp: Tlp;
  readonly title?: string;
  /** What was hunted (paths, a store, a time window), in the user's words. */
  readonly source?: string;
  readonly tool: { readonly name: 'mamori'; readonly version: string };
  /** ATT&CK technique names from the knowledge base (id → name); built-in names fill the gaps. */
  readonly techniqueNames?: TechniqueNames;
}

/** A report format: renders the whole input to one file's text. */
export interface ReportFormat {
  readonly name: 'md' | 'html' | 'json' | 'stix' | 'blocklist' | 'blocklist-csv' | 'suricata';
  /** File extension without the dot (`html`, `json`). */
  readonly extension: string;
  readonly mediaType: string;
  render(input: ReportInput): string;
}
