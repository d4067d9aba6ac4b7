import type { DuckDBConnection } from '@duckdb/node-api';
import { telemetryTableNames } from '../schema/tables.js';
import type { BatchDeletion, BatchInfo } from '../store.js';
import { refreshSeen } from './duckdb-seen.js';
import { sqlIdent } from './duckdb-types.js';

const iso = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
const batchColumns = `batch_id, sensor, engine, source_file, ${iso('started_at')} AS started_at,
  ${iso('finished_at')} AS finished_at, rows::BIGINT AS rows, rejects::BIGINT AS rejects`;

function batchFromRow(r: Record<string, unknown>): BatchInfo {
  return {
    id: Number(r['batch_id']),
    sensor: String(r['sensor'] ?? ''),
    engine: String(r['engine'] ?? ''),
    sourceFile: String(r['source_file'] ?? ''),
    startedAt: String(r['started_at'] ?? ''),
    finishedAt: String(r['finished_at'] ?? ''),
    rows: Number(r['rows'] ?? 0),
    rejects: Number(r['rejects'] ?? 0),
  };
}

/** Ingest batches, newest first. */
export async function listBatches(c: DuckDBConnection, limit?: number): Promise<BatchInfo[]> {
  const r = await c.runAndReadAll(
    `SELECT ${batchColumns} FROM ingest_batches ORDER BY batch_id DESC LIMIT $limit`,
    { limit: limit ?? 2 ** 31 },
  );
  return r.getRowObjectsJson().map(batchFromRow);
}

const countOf = async (c: DuckDBConnection, sql: string, params: Record<string, number | string>) =>
  Number((await c.runAndReadAll(sql, params)).getRows()[0]?.[0] ?? 0);

/**
 * Counts, and unless `dryRun` deletes, one batch and what hangs on it, in one transaction. The
 * seen-address and seen-name dictionaries are rebuilt, so a value only the batch held is no
 * longer "seen before".
 */
export async function deleteBatch(
  c: DuckDBConnection,
  id: number,
  dryRun: boolean,
): Promise<BatchDeletion | null> {
  const found = await c.runAndReadAll(`SELECT ${batchColumns} FROM ingest_batches WHERE batch_id = $id`, {
    id,
  });
  const row = found.getRowObjectsJson()[0];
  if (!row) return null;
  const batch = batchFromRow(row);
  const p = { id };
  const file = { file: batch.sourceFile };
  const rows: Record<string, number> = {};
  for (const t of telemetryTableNames) {
    const n = await countOf(c, `SELECT count(*)::BIGINT FROM ${sqlIdent(t)} WHERE batch_id = $id`, p);
    if (n > 0) rows[t] = n;
  }
  const rejects = await countOf(c, `SELECT count(*)::BIGINT FROM rejects WHERE batch_id = $id`, p);
  // The ledger follows a stream across renames; batches from before v9 know only their file's path.
  const ledger = `(stream_key = (SELECT stream_key FROM ingest_batches WHERE batch_id = $id)
     OR (path = $file AND (SELECT stream_key FROM ingest_batches WHERE batch_id = $id) IS NULL))`;
  const ledgerEntries = await countOf(c, `SELECT count(*)::BIGINT FROM ingest_files WHERE ${ledger}`, {
    ...file,
    id,
  });
  const others = await c.runAndReadAll(
    `SELECT batch_id FROM ingest_batches WHERE source_file = $file AND batch_id <> $id ORDER BY batch_id`,
    { ...file, id },
  );
  // A run that started after the batch was ingested may have read its rows.
  const after = `started_at >= (SELECT started_at FROM ingest_batches WHERE batch_id = $id)`;
  const runs = `(SELECT run_id FROM detect_runs WHERE ${after})`;
  const detectRuns = await countOf(c, `SELECT count(*)::BIGINT FROM detect_runs WHERE ${after}`, p);
  const findings = await countOf(c, `SELECT count(*)::BIGINT FROM findings WHERE run_id IN ${runs}`, p);
  const incidents = await countOf(c, `SELECT count(*)::BIGINT FROM incidents WHERE run_id IN ${runs}`, p);
  if (!dryRun) {
    await c.run('BEGIN TRANSACTION');
    try {
      for (const t of [...telemetryTableNames, 'rejects'])
        await c.run(`DELETE FROM ${sqlIdent(t)} WHERE batch_id = $id`, p);
      await c.run(`DELETE FROM ingest_files WHERE ${ledger}`, { ...file, id });
      await c.run(`DELETE FROM incidents WHERE run_id IN ${runs}`, p);
      await c.run(`DELETE FROM findings WHERE run_id IN ${runs}`, p);
      await c.run(`DELETE FROM detect_runs WHERE ${after}`, p);
      await c.run(`DELETE FROM ingest_batches WHERE batch_id = $id`, p);
      await c.run(`DELETE FROM seen_ips`);
      await c.run(`DELETE FROM seen_names`);
      await c.run(`INSERT OR REPLACE INTO schema_meta VALUES ('seen_batch', '0')`);
      await refreshSeen(c);
      await c.run('COMMIT');
    } catch (err) {
      await c.run('ROLLBACK');
      throw err;
    }
  }
  return {
    batch,
    dryRun,
    rows,
    rejects,
    ledgerEntries,
    detectRuns,
    findings,
    incidents,
    otherBatchesOfFile: others.getRows().map((r) => Number(r[0])),
  };
}
