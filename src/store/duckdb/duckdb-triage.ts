import { type IncidentTriage, parseTriageStatus } from '../../domain/triage.js';

/**
 * The latest triage decision per incident id (schema v10). Keyed by id rather than by run, since an
 * incident keeps its id across hunts; deleting runs or batches leaves decisions in place.
 */
export const triageDdl = [
  `CREATE TABLE IF NOT EXISTS incident_triage (
     incident_id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL, note VARCHAR,
     triaged_by VARCHAR NOT NULL, triaged_at TIMESTAMP NOT NULL)`,
];

/** Columns a query joins to read a triage row (as `t`). */
export const triageColumns = `t.status AS triage_status, t.note AS triage_note, t.triaged_by, t.assignee,
  strftime(t.triaged_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS triaged_at`;

/** The triage of a row that joined `triageColumns`, or null when the incident was never triaged. */
export function triageFromRow(id: string, row: Record<string, unknown>): IncidentTriage | null {
  if (row['triage_status'] === null || row['triage_status'] === undefined) return null;
  return {
    incidentId: id,
    status: parseTriageStatus(row['triage_status']),
    note: row['triage_note'] === null ? null : String(row['triage_note']),
    by: String(row['triaged_by']),
    at: String(row['triaged_at']),
    assignee: row['assignee'] === null || row['assignee'] === undefined ? null : String(row['assignee']),
  };
}
