/**
 * The analyst's loop on an incident: a status, an assignee, notes and a history of every change.
 * Keyed by incident id, which later hunts keep stable (incidents/stable-identity.ts), so the state
 * survives re-detection.
 *
 * Schema v10 stored `open`, `confirmed` and `benign`; they read as `new`, `true-positive` and `benign`.
 */
export const triageStatuses = ['new', 'investigating', 'true-positive', 'benign', 'closed'] as const;
export type TriageStatus = (typeof triageStatuses)[number];

/** The current state of an incident's triage. */
export interface IncidentTriage {
  readonly incidentId: string;
  readonly status: TriageStatus;
  /** The latest note, for one-line displays; all notes are in `IncidentNote`. */
  readonly note: string | null;
  /** Who made the latest change: a user name, or the OS user for the CLI. */
  readonly by: string;
  /** ISO 8601, UTC. */
  readonly at: string;
  /** User name of who is working on it; null when unassigned. */
  readonly assignee?: string | null;
}

/** One note on an incident. Attacker-controlled strings may be pasted here: render it escaped. */
export interface IncidentNote {
  readonly id: number;
  readonly incidentId: string;
  readonly author: string;
  readonly text: string;
  readonly at: string;
}

/** One change to an incident's triage, oldest first in a history. */
export interface TriageChange {
  readonly incidentId: string;
  readonly at: string;
  readonly actor: string;
  readonly field: 'status' | 'assignee' | 'note' | 'suppression' | 'identity';
  readonly from: string | null;
  readonly to: string | null;
}

/** The status of an incident that may never have been triaged. */
export function triageStatusOf(triage: Pick<IncidentTriage, 'status'> | null | undefined): TriageStatus {
  return triage?.status ?? 'new';
}

/** Reads a stored status, including schema v10's names; anything unknown is `new`. */
export function parseTriageStatus(v: unknown): TriageStatus {
  if (v === 'open') return 'new';
  if (v === 'confirmed') return 'true-positive';
  return (triageStatuses as readonly unknown[]).includes(v) ? (v as TriageStatus) : 'new';
}

/** True when analysts consider the incident a real intrusion. */
export function isConfirmed(triage: Pick<IncidentTriage, 'status'> | null | undefined): boolean {
  return triageStatusOf(triage) === 'true-positive';
}
