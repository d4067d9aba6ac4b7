import type { Attribution } from '../domain/attribution.js';
import type { Incident } from '../domain/incident.js';
import type { IncidentTriage, TriageStatus } from '../domain/triage.js';
import type { TechniqueNames } from './technique-names.js';

/** TLP 2.0 levels, least restrictive first. */
export const tlpLevels = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof tlpLevels)[number];

/** Triage states an analyst can give an incident (`new` until someone looks). */
export type ReportTriageStatus = TriageStatus;

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
  /** The analyst's latest decision, when the store has one; absent or null means `open`. */
  readonly triage?: IncidentTriage | null;
}

/** What one suppression did in a hunt: findings dropped, and those kept because intel matched them. */
export interface SuppressionNote {
  readonly id: string;
  readonly kind: string;
  readonly reason: string;
  readonly suppressed: number;
  readonly keptForIntel: readonly string[];
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
  /** What the sharing rules (report/share) did to a STIX or JSON export; absent for other output. */
  readonly sharing?: SharingNote;
  /** What each analyst suppression dropped in the hunt that produced this (hunt output only). */
  readonly suppressions?: readonly SuppressionNote[];
  /** ATT&CK technique names from the knowledge base (id → name); built-in names fill the gaps. */
  readonly techniqueNames?: TechniqueNames;
}

/** What an export withheld or left out, so that recipients know what they are not seeing. */
export interface SharingNote {
  /** `withheld`: internal addresses were replaced by `internal-host-N` / `internal-address-N`. */
  readonly internalAddresses: 'withheld' | 'included';
  readonly withheldHosts: number;
  readonly withheldOtherAddresses: number;
  /** Incidents left out because they are never exported (likely or triaged benign). */
  readonly leftOut: readonly { readonly id: string; readonly rule: string }[];
}

/** A report format: renders the whole input to one file's text. */
export interface ReportFormat {
  readonly name: 'md' | 'html' | 'json' | 'stix' | 'blocklist' | 'blocklist-csv' | 'suricata';
  /** File extension without the dot (`html`, `json`). */
  readonly extension: string;
  readonly mediaType: string;
  render(input: ReportInput): string;
}
