/**
 * An analyst's minimal triage of an incident: `open` until someone looks, then `confirmed` (a real
 * intrusion) or `benign` (a false positive). Issue 15's team server will extend this with users,
 * organisations and an audit trail; here it is one row per incident, the latest decision only.
 */
export const triageStatuses = ['open', 'confirmed', 'benign'] as const;
export type TriageStatus = (typeof triageStatuses)[number];

/** The latest triage decision on an incident, keyed by its id (stable across hunts). */
export interface IncidentTriage {
  readonly incidentId: string;
  readonly status: TriageStatus;
  /** Free text from the analyst; attacker-controlled strings may be pasted here, so display it through visibleText. */
  readonly note: string | null;
  /** Who decided: the OS user name, or `--by`. */
  readonly by: string;
  /** ISO 8601, UTC. */
  readonly at: string;
}

/** The status of an incident that may never have been triaged. */
export function triageStatusOf(triage: Pick<IncidentTriage, 'status'> | null | undefined): TriageStatus {
  return triage?.status ?? 'open';
}
