import type { Incident } from '../domain/incident.js';
import type { Suppression, SuppressionMatch } from '../domain/suppression.js';
import type { IncidentNote, IncidentTriage, TriageChange, TriageStatus } from '../domain/triage.js';

/** A change an analyst makes to an incident's triage; absent fields stay as they are. */
export interface TriagePatch {
  readonly status?: TriageStatus;
  /** null unassigns. */
  readonly assignee?: string | null;
}

/** An incident of an earlier hunt, as stable identity (incidents/stable-identity.ts) matches against it. */
export interface PriorIncident extends Pick<Incident, 'id' | 'hosts' | 'servers' | 'pairs'> {
  /** It carries triage state (a status, assignee or note), which a merge keeps. */
  readonly triaged: boolean;
}

/**
 * The analyst's loop, keyed by incident id: status and assignee, notes, the history of every change,
 * suppressions, and the ids an incident had before it grew (so its state follows it).
 */
export interface TriageStore {
  /** The current triage, following aliases; null when never triaged (`new`). */
  get(incidentId: string): Promise<IncidentTriage | null>;
  /** Applies a change, recording one history entry per field that changed; returns the new state. */
  update(incidentId: string, patch: TriagePatch, actor: string, at: string): Promise<IncidentTriage>;
  addNote(incidentId: string, author: string, text: string, at: string): Promise<IncidentNote>;
  listNotes(incidentId: string): Promise<IncidentNote[]>;
  /** Oldest first. */
  history(incidentId: string): Promise<TriageChange[]>;
  /** Records a change made elsewhere (a suppression made from the incident) in its history. */
  recordChange(change: TriageChange): Promise<void>;

  /** Records that `oldId` is now `newId` (the incident grew); its state and notes move with it. */
  alias(oldId: string, newId: string, at: string): Promise<void>;
  /** The current id of an incident known under an older id, or the id itself. */
  resolve(id: string): Promise<string>;
  /** The older ids that now resolve to this (current) id. */
  aliases(id: string): Promise<string[]>;
  /**
   * The incidents of the latest run before `beforeRunId` that stored incidents in this scope (null:
   * incidents without a scope): what a new hunt's incidents keep their ids from.
   */
  priorIncidents(scope: string | null, beforeRunId: number): Promise<PriorIncident[]>;

  createSuppression(s: Omit<Suppression, 'id'>): Promise<Suppression>;
  updateSuppression(
    id: string,
    patch: {
      readonly match?: SuppressionMatch;
      readonly reason?: string;
      readonly expiresAt?: string | null;
      readonly scope?: string | null;
    },
  ): Promise<Suppression | null>;
  deleteSuppression(id: string): Promise<boolean>;
  getSuppression(id: string): Promise<Suppression | null>;
  /** All rules, or only those active at `activeAt`. */
  listSuppressions(opts?: { readonly activeAt?: Date }): Promise<Suppression[]>;

  /** The severity an incident was last alerted at, or null when never alerted. */
  alertedSeverity(incidentId: string): Promise<string | null>;
  recordAlert(incidentId: string, severity: string, at: string): Promise<void>;
}
