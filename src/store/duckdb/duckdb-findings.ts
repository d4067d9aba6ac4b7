import type { DuckDBConnection } from '@duckdb/node-api';
import type { Finding } from '../../domain/finding.js';
import { storedTotal } from '../schema/value-ranges.js';
import { appendRows } from './intel/duckdb-intel-append.js';

/** Detection runs and their findings (schema v5; `scope` since v8). */
export const findingsDdl = [
  `CREATE TABLE IF NOT EXISTS detect_runs (
     run_id BIGINT, started_at TIMESTAMP, detectors VARCHAR[], window_from VARCHAR, window_to VARCHAR, findings BIGINT)`,
  `CREATE TABLE IF NOT EXISTS findings (
     run_id BIGINT, detector VARCHAR, host VARCHAR, endpoint_ip VARCHAR, endpoint_domain VARCHAR,
     first_seen TIMESTAMP, last_seen TIMESTAMP, connections BIGINT, bytes_out BIGINT, bytes_in BIGINT,
     score DOUBLE, severity VARCHAR, techniques VARCHAR[], stats JSON, explanation VARCHAR, links JSON,
     scope VARCHAR)`,
];

/** Stores one run's findings in one transaction; returns the run id. */
export async function saveFindings(
  c: DuckDBConnection,
  run: { detectors: readonly string[]; from?: string; to?: string },
  findings: readonly Finding[],
): Promise<number> {
  await c.run('BEGIN TRANSACTION');
  try {
    const r = await c.runAndReadAll(`SELECT coalesce(max(run_id), 0)::BIGINT + 1 AS id FROM detect_runs`);
    const runId = Number(r.getRowObjectsJson()[0]?.['id'] ?? 1);
    await appendRows(
      c,
      'detect_runs',
      ['bigint', 'timestamp', 'varchar[]', 'varchar', 'varchar', 'bigint'],
      [[runId, new Date().toISOString(), run.detectors, run.from ?? null, run.to ?? null, findings.length]],
    );
    await appendRows(
      c,
      'findings',
      [
        'bigint',
        'varchar',
        'varchar',
        'varchar',
        'varchar',
        'timestamp',
        'timestamp',
        'bigint',
        'bigint',
        'bigint',
        'double',
        'varchar',
        'varchar[]',
        'varchar',
        'varchar',
        'varchar',
        'varchar',
        'varchar',
        'varchar[]',
        'bigint',
        'varchar[]',
      ],
      findings.map((f) => [
        runId,
        f.detector,
        f.host,
        f.endpointIp,
        f.endpointDomain,
        f.first,
        f.last,
        storedTotal(f.connections),
        storedTotal(f.bytesOut),
        storedTotal(f.bytesIn),
        f.score,
        f.severity,
        f.techniques,
        JSON.stringify(f.stats),
        f.explanation,
        JSON.stringify(f.links),
        f.scope ?? null,
        null,
        null,
        null,
        null,
      ]),
    );
    await c.run('COMMIT');
    return runId;
  } catch (err) {
    await c.run('ROLLBACK');
    throw err;
  }
}
