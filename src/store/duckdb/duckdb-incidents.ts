import type { DuckDBConnection } from '@duckdb/node-api';
import type { Attribution } from '../../domain/attribution.js';
import type { Incident } from '../../domain/incident.js';
import { storedTotal } from '../schema/value-ranges.js';
import type { IncidentListing, IncidentListOptions, StoredIncident } from '../store.js';
import { incidentFilterSql } from './duckdb-incident-filters.js';
import { triageColumns, triageFromRow } from './duckdb-triage.js';
import { appendRows } from './intel/duckdb-intel-append.js';

/** Incidents of a detection run, with their attribution (schema v7; `scope` since v8). */
export const incidentsDdl = [
  `CREATE TABLE IF NOT EXISTS incidents (
     run_id BIGINT, incident_id VARCHAR, saved_at TIMESTAMP, severity VARCHAR, score DOUBLE, summary VARCHAR,
     first_seen VARCHAR, last_seen VARCHAR, hosts BIGINT, servers BIGINT, bytes_out BIGINT, bytes_in BIGINT,
     top_actor VARCHAR, top_probability DOUBLE, body JSON, scope VARCHAR)`,
];

/** The actor on top, when it is a real one. */
function topActor(a: Attribution | null) {
  const top = a?.hypotheses[0];
  return top && top.actor !== 'unknown' ? top : null;
}

/** What the queue's text filter looks in besides id, summary and actor: hosts and servers' values. */
function searchText(i: Incident): string {
  const values = [...i.hosts.map((h) => h.ip), ...i.servers.flatMap((s) => [s.key, ...s.ips, ...s.domains])];
  return values.join(' ').toLowerCase();
}

/** Replaces the run's incidents with these, in one transaction. */
export async function saveIncidents(
  c: DuckDBConnection,
  runId: number,
  items: readonly { incident: Incident; attribution: Attribution | null }[],
): Promise<void> {
  await c.run('BEGIN TRANSACTION');
  try {
    await c.run(`DELETE FROM incidents WHERE run_id = $r`, { r: runId });
    const now = new Date().toISOString();
    await appendRows(
      c,
      'incidents',
      [
        'bigint',
        'varchar',
        'timestamp',
        'varchar',
        'double',
        'varchar',
        'varchar',
        'varchar',
        'bigint',
        'bigint',
        'bigint',
        'bigint',
        'varchar',
        'double',
        'varchar',
        'varchar',
        // Schema v12's queue columns (team/duckdb-triage-ddl.ts).
        'varchar',
        'varchar',
        'varchar',
        'varchar',
      ],
      items.map(({ incident: i, attribution: a }) => [
        runId,
        i.id,
        now,
        i.severity,
        i.score,
        i.summary,
        i.firstSeen,
        i.lastSeen,
        i.hosts.length,
        i.servers.length,
        storedTotal(i.bytesOut),
        storedTotal(i.bytesIn),
        topActor(a)?.actor ?? null,
        topActor(a)?.probability ?? null,
        JSON.stringify({ incident: i, attribution: a }),
        i.scope ?? null,
        i.verdict ?? 'suspicious',
        topActor(a) ? (a?.hypotheses[0]?.term ?? null) : null,
        searchText(i),
        JSON.stringify(i.verdictReasons ?? []),
      ]),
    );
    await c.run('COMMIT');
  } catch (err) {
    await c.run('ROLLBACK');
    throw err;
  }
}

/** The latest run that has incidents, or null. */
async function latestRun(c: DuckDBConnection): Promise<number | null> {
  const r = await c.runAndReadAll(`SELECT max(run_id) FROM incidents`);
  const v = r.getRows()[0]?.[0];
  return v === null || v === undefined ? null : Number(v);
}

/** A run's incidents: suspicious ones first, by score, then the likely-benign look-alikes (the verdict is in the body). */
export async function listIncidents(
  c: DuckDBConnection,
  opts: IncidentListOptions = {},
): Promise<IncidentListing[]> {
  // The run is resolved first: a constant run id lets the scan skip other runs' row groups, where a
  // subquery made it a join (twice the time with 10,000 incidents).
  const run = opts.runId ?? (await latestRun(c));
  if (run === null) return [];
  // Times are ISO text in the table and from the caller: compared as timestamps, not as text.
  // One ORDER BY … LIMIT (a top-N) over the run; bodies are never read.
  const f = incidentFilterSql(opts);
  const r = await c.runAndReadAll(
    `WITH base AS (
       SELECT run_id, incident_id, saved_at, severity, score, summary, first_seen, last_seen, hosts, servers,
              bytes_out, bytes_in, top_actor, top_probability, scope, top_term, verdict_reasons,
              coalesce(verdict, 'suspicious') AS verdict, ${triageColumns}
       FROM incidents LEFT JOIN incident_triage t USING (incident_id) WHERE run_id = $run
         AND ($from::VARCHAR IS NULL OR TRY_CAST(last_seen AS TIMESTAMP) >= TRY_CAST($from::VARCHAR AS TIMESTAMP))
         AND ($to::VARCHAR IS NULL OR TRY_CAST(first_seen AS TIMESTAMP) <= TRY_CAST($to::VARCHAR AS TIMESTAMP))
         ${f.where})
     SELECT run_id, incident_id, strftime(saved_at, '%Y-%m-%dT%H:%M:%SZ') AS saved_at, severity, score, summary,
            first_seen, last_seen, hosts, servers, bytes_out, bytes_in, top_actor, top_probability, scope, top_term,
            verdict, coalesce(verdict_reasons, '[]') AS verdict_reasons, ${f.sortExpr} AS sort_value,
            triage_status, triage_note, triaged_by, assignee, triaged_at
     FROM base ORDER BY ${f.order} LIMIT $limit`,
    {
      run,
      limit: opts.limit ?? 1000,
      from: opts.from ?? null,
      to: opts.to ?? null,
      ...f.params,
    },
  );
  return r.getRowObjectsJson().map((x) => ({
    runId: Number(x['run_id']),
    id: String(x['incident_id']),
    savedAt: String(x['saved_at']),
    severity: String(x['severity']),
    score: Number(x['score']),
    summary: String(x['summary']),
    firstSeen: String(x['first_seen']),
    lastSeen: String(x['last_seen']),
    hosts: Number(x['hosts']),
    servers: Number(x['servers']),
    bytesOut: Number(x['bytes_out']),
    bytesIn: Number(x['bytes_in']),
    topActor: x['top_actor'] === null ? null : String(x['top_actor']),
    topProbability: x['top_probability'] === null ? null : Number(x['top_probability']),
    topTerm: x['top_term'] === null || x['top_term'] === undefined ? null : String(x['top_term']),
    sortValue:
      typeof x['sort_value'] === 'number' || typeof x['sort_value'] === 'string' ? x['sort_value'] : null,
    ...(x['scope'] ? { scope: String(x['scope']) } : {}),
    triage: triageFromRow(String(x['incident_id']), x),
    verdict: x['verdict'] === 'likely-benign' ? ('likely-benign' as const) : ('suspicious' as const),
    verdictReasons: (JSON.parse(String(x['verdict_reasons'])) as unknown[]).map(String),
  }));
}

/** One incident by id (case-insensitive), from the latest run that holds it. */
export async function getIncident(c: DuckDBConnection, id: string): Promise<StoredIncident | null> {
  const r = await c.runAndReadAll(
    `SELECT run_id, incident_id, body::VARCHAR AS body, ${triageColumns}
     FROM incidents LEFT JOIN incident_triage t USING (incident_id) WHERE upper(incident_id) = upper($id)
     ORDER BY run_id DESC LIMIT 1`,
    { id },
  );
  const row = r.getRowObjectsJson()[0];
  if (!row) return null;
  const body = JSON.parse(String(row['body'])) as { incident: Incident; attribution: Attribution | null };
  // Incidents stored before servers had a role read as command and control.
  const servers = body.incident.servers.map((s) => ({ ...s, role: s.role ?? 'c2' }));
  body.incident = { ...body.incident, servers };
  return { runId: Number(row['run_id']), ...body, triage: triageFromRow(String(row['incident_id']), row) };
}
