import type { DuckDBConnection } from '@duckdb/node-api';
import type { PriorIncident } from '../../triage-store.js';

/**
 * The incidents of the latest run before `beforeRunId` that stored any in this scope (null: the
 * incidents without one), with whether each carries triage state, for stable identity.
 */
export async function priorIncidents(
  c: DuckDBConnection,
  scope: string | null,
  beforeRunId: number,
): Promise<PriorIncident[]> {
  const r = await c.runAndReadAll(
    `WITH prev AS (SELECT max(run_id) AS run_id FROM incidents
                   WHERE run_id < $before AND scope IS NOT DISTINCT FROM $scope)
     SELECT i.incident_id, json_extract(i.body, '$.incident.hosts')::VARCHAR AS hosts,
            json_extract(i.body, '$.incident.servers')::VARCHAR AS servers,
            json_extract(i.body, '$.incident.pairs')::VARCHAR AS pairs,
            EXISTS (SELECT 1 FROM incident_triage t WHERE t.incident_id = i.incident_id) AS triaged
     FROM incidents i JOIN prev USING (run_id)
     WHERE i.scope IS NOT DISTINCT FROM $scope ORDER BY i.incident_id`,
    { before: beforeRunId, scope },
  );
  return r.getRowObjectsJson().map((x) => ({
    id: String(x['incident_id']),
    hosts: JSON.parse(String(x['hosts'] ?? '[]')) as PriorIncident['hosts'],
    servers: JSON.parse(String(x['servers'] ?? '[]')) as PriorIncident['servers'],
    ...(x['pairs'] ? { pairs: JSON.parse(String(x['pairs'])) as PriorIncident['pairs'] } : {}),
    triaged: x['triaged'] === true,
  }));
}
