import type { DuckDBConnection } from '@duckdb/node-api';
import { errorCodes, MamoriError } from '../../errors.js';
import { telemetryTables } from '../schema/tables.js';
import { findingEvidenceDdl } from './duckdb-finding-evidence-ddl.js';
import { findingsDdl } from './duckdb-findings.js';
import { incidentsDdl } from './duckdb-incidents.js';
import { refreshSeen, seenDdl } from './duckdb-seen.js';
import { triageDdl } from './duckdb-triage.js';
import { duckdbSqlTypes, sqlIdent } from './duckdb-types.js';
import { createIntelTables } from './intel/duckdb-intel-schema.js';
import { identityDdl } from './team/duckdb-identity-ddl.js';
import { triageV2Ddl } from './team/duckdb-triage-ddl.js';

/** The schema version this build writes. Bump it with a new entry in `migrations`. */
export const schemaVersion = 13;

const metaDdl = {
  schemaMeta: `CREATE TABLE IF NOT EXISTS schema_meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
  ingestBatches: `CREATE TABLE IF NOT EXISTS ingest_batches (
     batch_id BIGINT PRIMARY KEY, sensor VARCHAR, engine VARCHAR, source_file VARCHAR,
     started_at TIMESTAMP, finished_at TIMESTAMP, rows UBIGINT, rejects UBIGINT, stream_key VARCHAR)`,
  ingestFiles: `CREATE TABLE IF NOT EXISTS ingest_files (
     stream_key VARCHAR, raw_digest VARCHAR, path VARCHAR, format VARCHAR, log_type VARCHAR,
     consumed_bytes UBIGINT, consumed_lines UBIGINT, anchor VARCHAR, header VARCHAR, complete BOOLEAN,
     rows UBIGINT, rejects UBIGINT, updated_at TIMESTAMP)`,
  rejects: `CREATE TABLE IF NOT EXISTS rejects (
     batch_id BIGINT, file VARCHAR, line UBIGINT, reason VARCHAR, raw VARCHAR, rejected_at TIMESTAMP)`,
};

/**
 * Numbered upgrades for databases written by older builds. Each runs once, in order; the
 * telemetry tables are then brought up to the column specs (new columns are added, never dropped).
 */
const migrations: Record<number, (c: DuckDBConnection) => Promise<void>> = {
  1: async (c) => {
    for (const ddl of Object.values(metaDdl)) await c.run(ddl);
  },
  // v2 keyed the file ledger on stream content instead of on the path.
  2: async (c) => {
    const cols = await c.runAndReadAll(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ingest_files'`,
    );
    const names = new Set(cols.getRowObjectsJson().map((r) => String(r['column_name'])));
    if (!names.has('stream_key')) {
      await c.run(`DROP TABLE IF EXISTS ingest_files`);
      await c.run(metaDdl.ingestFiles);
    }
  },
  // v3 remembers each file's size and mtime, so unchanged files are skipped without reading them.
  3: async (c) => {
    await c.run(`ALTER TABLE ingest_files ADD COLUMN IF NOT EXISTS raw_size UBIGINT`);
    await c.run(`ALTER TABLE ingest_files ADD COLUMN IF NOT EXISTS raw_mtime DOUBLE`);
  },
  // v4 adds the threat knowledge base, and dictionaries of the addresses and names seen.
  4: async (c) => {
    await createIntelTables(c);
    for (const ddl of seenDdl) await c.run(ddl);
  },
  // v5 stores detection runs and their findings.
  5: async (c) => {
    for (const ddl of findingsDdl) await c.run(ddl);
  },
  // v6's address dictionary also holds the addresses of TLS, HTTP and alert records (logs without a
  // conn log); it is rebuilt once below.
  6: async () => {},
  // v7 stores the incidents a hunt correlated, with their attributions.
  7: async (c) => {
    for (const ddl of incidentsDdl) await c.run(ddl);
  },
  // v8 records the scope (the sensors of one network) of each finding and incident; an address is a
  // host only within its network. The dictionaries keep the earliest time of each value from now on.
  8: async (c) => {
    await c.run(`ALTER TABLE findings ADD COLUMN IF NOT EXISTS scope VARCHAR`);
    await c.run(`ALTER TABLE incidents ADD COLUMN IF NOT EXISTS scope VARCHAR`);
  },
  // v9 records which logged stream each batch read, so that deleting a batch forgets the right
  // ledger entry even after the file was rotated to another name.
  9: async (c) => {
    await c.run(`ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS stream_key VARCHAR`);
  },
  // v10 keeps an analyst's triage of each incident (open, confirmed, benign), by incident id.
  10: async (c) => {
    for (const ddl of triageDdl) await c.run(ddl);
  },
  // v11 adds the team server's identity model: organisations, users, tokens, sessions, audit log.
  11: async (c) => {
    for (const ddl of identityDdl) await c.run(ddl);
  },
  // v12 extends triage to the analyst's loop: assignee, notes, history, suppressions, aliases, alerts.
  12: async (c) => {
    for (const ddl of triageV2Ddl) await c.run(ddl);
  },
  // v13 makes findings traceable to their log rows: stable ids, Zeek uids, community ids.
  13: async (c) => {
    for (const ddl of findingEvidenceDdl) await c.run(ddl);
  },
};

/** v1's ledger, kept so the upgrade path can be tested. */
export const v1LedgerDdl = `CREATE TABLE ingest_files (path VARCHAR PRIMARY KEY, size UBIGINT, rows UBIGINT)`;

async function storedVersion(c: DuckDBConnection): Promise<number> {
  const t = await c.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'schema_meta'`,
  );
  if (Number(t.getRowObjectsJson()[0]?.['n']) === 0) return 0;
  const r = await c.runAndReadAll(`SELECT value FROM schema_meta WHERE key = 'version'`);
  const row = r.getRowObjectsJson()[0];
  return row ? Number(row['value']) : 0;
}

async function syncTelemetryTables(c: DuckDBConnection): Promise<void> {
  for (const spec of Object.values(telemetryTables)) {
    const cols = spec.columns.map((col) => `${sqlIdent(col.name)} ${duckdbSqlTypes[col.type]}`).join(', ');
    await c.run(`CREATE TABLE IF NOT EXISTS ${sqlIdent(spec.name)} (${cols})`);
    const existing = await c.runAndReadAll(
      `SELECT column_name FROM information_schema.columns WHERE table_name = $t`,
      { t: spec.name },
    );
    const have = new Set(existing.getRowObjectsJson().map((r) => String(r['column_name'])));
    for (const col of spec.columns) {
      if (!have.has(col.name)) {
        await c.run(
          `ALTER TABLE ${sqlIdent(spec.name)} ADD COLUMN ${sqlIdent(col.name)} ${duckdbSqlTypes[col.type]}`,
        );
      }
    }
  }
}

/** Brings the database up to `schemaVersion`; returns the version it found. */
export async function migrate(c: DuckDBConnection, target = schemaVersion): Promise<number> {
  const found = await storedVersion(c);
  if (found > schemaVersion) {
    throw new MamoriError(
      errorCodes.schemaTooNew,
      `the database has schema version ${found}, newer than this mamori understands (${schemaVersion}); upgrade mamori`,
    );
  }
  if (found === target) return found;
  await c.run('BEGIN TRANSACTION');
  try {
    for (let v = found + 1; v <= target; v++) await migrations[v]?.(c);
    await syncTelemetryTables(c);
    // Telemetry written before the dictionaries existed is added to them once.
    if (found > 0 && found < 6 && target >= 6) {
      if (found >= 4)
        await c.run(
          `DELETE FROM seen_ips; DELETE FROM seen_names; DELETE FROM schema_meta WHERE key = 'seen_batch'`,
        );
      await refreshSeen(c);
    }
    await c.run(`INSERT OR REPLACE INTO schema_meta VALUES ('version', $v)`, { v: String(target) });
    await c.run('COMMIT');
  } catch (err) {
    await c.run('ROLLBACK');
    throw err;
  }
  return found;
}

/** Reads the version without changing anything (for read-only opens). */
export async function readSchemaVersion(c: DuckDBConnection): Promise<number> {
  return storedVersion(c);
}
