import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { Attribution } from '../../domain/attribution.js';
import type { Finding } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import type { AnalyticsSession } from '../analytics-session.js';
import type { IdentityStore } from '../identity-store.js';
import { sensorStatusLogTypes } from '../schema/status-logs.js';
import { telemetryTableNames } from '../schema/tables.js';
import { removeStaleTempFiles } from '../stale-temp-files.js';
import type {
  BatchDeletion,
  BatchInfo,
  BatchOrigin,
  CellValue,
  IncidentListing,
  IncidentListOptions,
  IngestBatch,
  LedgerEntry,
  QueryResult,
  Store,
  StoreCapabilities,
  StoredIncident,
  StoreOptions,
  StoreStats,
} from '../store.js';
import type { TriageStore } from '../triage-store.js';
import { AbandonedQueryError, type UserQueryLimits } from '../user-query.js';
import { duckdbAnalyticsSession } from './duckdb-analytics-session.js';
import { DuckDBBatch } from './duckdb-batch.js';
import { deleteBatch, listBatches } from './duckdb-batch-delete.js';
import { duckdbDetectContext } from './duckdb-detect-context.js';
import { BatchTimeRanges } from './duckdb-duplicates.js';
import { saveFindings } from './duckdb-findings.js';
import { getIncident, listIncidents, saveIncidents } from './duckdb-incidents.js';
import { DuckDBJsonStage } from './duckdb-json-load.js';
import { migrate, readSchemaVersion, schemaVersion } from './duckdb-schema.js';
import { DuckDBUnitOfWork } from './duckdb-unit-of-work.js';
import { runUserQuery } from './duckdb-user-query.js';
import { DuckDBIntelStore } from './intel/duckdb-intel-store.js';
import { duckdbIdentityStore } from './team/duckdb-identity-store.js';
import { duckdbTriageStore } from './team/duckdb-triage-store.js';

/** DuckDB's buffer pool size unless MAMORI_DUCKDB_MEMORY says otherwise. */
export const defaultMemoryLimit = '512MB';

/** File name of the database inside the data directory. */
export const duckdbFileName = 'mamori.duckdb';

/** The embedded store: one DuckDB file in the data directory, no server. */
export class DuckDBStore implements Store {
  readonly backend = 'duckdb' as const;
  readonly capabilities: StoreCapabilities = {
    nativeTsvLoad: true,
    nativeJsonLoad: true,
    transactions: true,
  };
  private batchOpen = false;
  /** A user statement ignored its interrupt and still holds the connection. */
  private abandoned = false;
  private importOpen = false;
  readonly intel: DuckDBIntelStore;
  readonly analytics: AnalyticsSession;
  readonly identity: IdentityStore;
  readonly triage: TriageStore;
  private nextBatchId = 1;
  private readonly uow: DuckDBUnitOfWork;
  private readonly jsonStage: DuckDBJsonStage;
  /** Batch time ranges per table, for the duplicate check. */
  private readonly timeRanges = new BatchTimeRanges();
  // The ledger is small (one row per log stream) and read for every file, so it is kept in memory;
  // entries written inside a batch join the cache only when that batch commits.
  private readonly byDigest = new Map<string, LedgerEntry>();
  private readonly byKey = new Map<string, LedgerEntry>();
  private readonly byPath = new Map<string, LedgerEntry>();
  private pending: LedgerEntry[] = [];

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly readOnly: boolean,
    readonly path: string,
    private readonly tmpDir: string,
  ) {
    this.uow = new DuckDBUnitOfWork(conn, () => this.loadLedger());
    this.jsonStage = new DuckDBJsonStage(instance, tmpDir);
    this.analytics = duckdbAnalyticsSession(
      duckdbDetectContext(conn, async () => {
        if (!readOnly && !this.batchOpen && !this.importOpen) await this.uow.commit();
      }),
    );
    // Team writes are small and must be durable at once: pending batches are committed first.
    const settleTeam = async () => {
      if (readOnly) throw new MamoriError(errorCodes.readOnly, 'the store was opened read-only');
      if (this.batchOpen || this.importOpen) throw new Error('a team change while a batch or import is open');
      await this.uow.commit();
    };
    this.identity = duckdbIdentityStore(conn, settleTeam);
    this.triage = duckdbTriageStore(conn, settleTeam);
    this.intel = new DuckDBIntelStore(conn, {
      readOnly,
      tmpDir,
      settle: async () => {
        if (this.batchOpen) throw new Error('an intel import cannot start while a batch is open');
        if (this.importOpen) throw new Error('one intel import at a time');
        if (!readOnly) await this.uow.commit();
      },
      setImportOpen: (open) => {
        this.importOpen = open;
      },
    });
  }

  /** Opens (creating and upgrading when writable) the database in `opts.dataDir`. */
  static async open(opts: StoreOptions): Promise<DuckDBStore> {
    const readOnly = opts.readOnly ?? false;
    if (!readOnly) mkdirSync(opts.dataDir, { recursive: true });
    const path = join(opts.dataDir, duckdbFileName);
    if (readOnly && !existsSync(path)) {
      throw new MamoriError(
        errorCodes.store,
        `no store in ${opts.dataDir}: run mamori ingest (or mamori demo) first, or point --data / MAMORI_DATA at one`,
      );
    }
    let instance: DuckDBInstance;
    try {
      // A fixed buffer pool keeps memory flat however large the input; DuckDB spills beyond it.
      const memory = { memory_limit: process.env['MAMORI_DUCKDB_MEMORY'] ?? defaultMemoryLimit };
      instance = await DuckDBInstance.create(
        path,
        readOnly ? { ...memory, access_mode: 'READ_ONLY', enable_external_access: 'false' } : memory,
      );
    } catch (err) {
      const msg = messageOf(err);
      if (/lock/i.test(msg)) {
        throw new MamoriError(
          errorCodes.storeLocked,
          `the store ${path} is in use by another mamori process (only one writer at a time)`,
          { cause: err },
        );
      }
      throw new MamoriError(errorCodes.store, `cannot open the store ${path}: ${msg}`, { cause: err });
    }
    // The write lock is ours now: temporary files a killed run left behind can go.
    if (!readOnly) removeStaleTempFiles(join(opts.dataDir, 'tmp'));
    const conn = await instance.connect();
    if (readOnly) {
      const v = await readSchemaVersion(conn);
      if (v !== schemaVersion) {
        conn.closeSync();
        throw new MamoriError(
          v > schemaVersion ? errorCodes.schemaTooNew : errorCodes.store,
          v === 0
            ? `the store ${path} is empty: ingest something first`
            : `the store ${path} has schema version ${v}; this mamori uses ${schemaVersion}. Run any writing command (e.g. mamori ingest) to upgrade it`,
        );
      }
    } else {
      await migrate(conn);
    }
    const store = new DuckDBStore(instance, conn, readOnly, path, join(opts.dataDir, 'tmp'));
    await store.loadLedger();
    return store;
  }

  private async loadLedger(): Promise<void> {
    this.byDigest.clear();
    this.byKey.clear();
    this.byPath.clear();
    const r = await this.conn.runAndReadAll(`SELECT * FROM ingest_files`);
    for (const row of r.getRowObjectsJson()) this.cache(ledgerFromRow(row));
    const b = await this.conn.runAndReadAll(
      `SELECT coalesce(max(batch_id), 0)::BIGINT AS m FROM ingest_batches`,
    );
    this.nextBatchId = Number(b.getRowObjectsJson()[0]?.['m']) + 1;
  }

  private cache(e: LedgerEntry): void {
    const old = this.byKey.get(e.streamKey);
    if (old) this.byDigest.delete(old.rawDigest);
    this.byKey.set(e.streamKey, e);
    this.byDigest.set(e.rawDigest, e);
    this.byPath.set(e.path, e);
  }

  async schemaVersion(): Promise<number> {
    return readSchemaVersion(this.conn);
  }

  async beginBatch(origin: BatchOrigin): Promise<IngestBatch> {
    if (this.readOnly) throw new MamoriError(errorCodes.readOnly, 'the store was opened read-only');
    if (this.batchOpen) throw new Error('one batch at a time: commit or abort the open batch first');
    if (this.importOpen) throw new Error('a batch cannot start while an intel import is open');
    await this.uow.ensureOpen();
    this.batchOpen = true;
    const id = this.nextBatchId++;
    const owner = {
      batchCommitted: (record: Parameters<DuckDBUnitOfWork['batchCommitted']>[0]) => {
        this.batchOpen = false;
        for (const e of this.pending) {
          this.cache(e);
          this.uow.recordLedger(e);
        }
        this.pending = [];
        this.uow.batchCommitted(record);
      },
      batchAborted: async (batchId: number) => {
        this.batchOpen = false;
        this.pending = [];
        await this.uow.batchAborted(batchId);
      },
    };
    return new DuckDBBatch(this.conn, id, origin, owner, this.tmpDir, this.jsonStage, this.timeRanges);
  }

  async flush(): Promise<void> {
    await this.uow.commit();
  }

  async findByRawDigest(rawDigest: string): Promise<LedgerEntry | null> {
    return this.byDigest.get(rawDigest) ?? null;
  }

  async findByPath(path: string): Promise<LedgerEntry | null> {
    return this.byPath.get(path) ?? null;
  }

  async findByStreamKey(streamKey: string): Promise<LedgerEntry | null> {
    return this.byKey.get(streamKey) ?? null;
  }

  async recordFile(e: LedgerEntry): Promise<void> {
    if (this.readOnly) throw new MamoriError(errorCodes.readOnly, 'the store was opened read-only');
    // Inside a batch the entry counts only once the batch commits.
    if (this.batchOpen) {
      this.pending.push(e);
      return;
    }
    this.cache(e);
    await this.uow.ensureOpen();
    this.uow.recordLedger(e);
  }

  async userQuery(sql: string, opts?: UserQueryLimits): Promise<QueryResult> {
    if (this.batchOpen) throw new Error('userQuery() while a batch is open');
    if (this.abandoned) throw new Error('userQuery() after a statement was abandoned');
    // The user's statement runs in its own transaction, so pending batches are made durable first.
    await this.uow.commit();
    try {
      return await runUserQuery(this.conn, sql, opts);
    } catch (err) {
      if (err instanceof AbandonedQueryError) this.abandoned = true;
      throw err;
    }
  }

  async query(sql: string, params: readonly CellValue[] = []): Promise<Record<string, unknown>[]> {
    const r = await this.conn.runAndReadAll(sql, params as DuckDBValue[]);
    return r.getRowObjectsJson() as Record<string, unknown>[];
  }

  async tableRows(): Promise<Record<string, number>> {
    const sql = telemetryTableNames
      .map((t) => `SELECT '${t}' AS t, count(*)::BIGINT AS n FROM "${t}"`)
      .join(' UNION ALL ');
    const r = await this.conn.runAndReadAll(sql);
    return Object.fromEntries(r.getRowObjectsJson().map((x) => [String(x['t']), Number(x['n'])]));
  }

  async stats(opts?: { top?: number }): Promise<StoreStats> {
    const one = async (sql: string, params: Record<string, DuckDBValue> = {}) =>
      (await this.conn.runAndReadAll(sql, params)).getRowObjectsJson();
    const counts = await this.tableRows();
    const tables = telemetryTableNames.map((t) => ({ table: t, rows: counts[t] ?? 0 }));
    // Rows of status logs count, but their times are the sensor's clock, not traffic time.
    const statusList = sensorStatusLogTypes.map((l) => `'${l}'`).join(', ');
    const union = telemetryTableNames
      .map((t) =>
        t === 'events'
          ? `SELECT sensor, engine, CASE WHEN log_type IN (${statusList}) THEN NULL ELSE ts END AS ts FROM events`
          : `SELECT sensor, engine, ts FROM "${t}"`,
      )
      .join(' UNION ALL ');
    const sensors = await one(
      `SELECT sensor, engine, strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%fZ') AS first,
              strftime(max(ts), '%Y-%m-%dT%H:%M:%S.%fZ') AS last, count(*)::BIGINT AS n
       FROM (${union}) GROUP BY ALL ORDER BY sensor, engine`,
    );
    const talkers = await one(
      `SELECT orig_h AS host, count(*)::BIGINT AS n,
              (coalesce(sum(orig_bytes), 0) + coalesce(sum(resp_bytes), 0))::DOUBLE AS bytes
       FROM conn WHERE NOT coalesce(is_open, false) GROUP BY orig_h ORDER BY n DESC, host LIMIT $top`,
      { top: opts?.top ?? 10 },
    );
    const files = await one(`SELECT count(*)::BIGINT AS n FROM ingest_files`);
    const rejects = await one(`SELECT count(*)::BIGINT AS n FROM rejects`);
    return {
      schemaVersion: await this.schemaVersion(),
      tables,
      sensors: sensors.map((s) => ({
        sensor: String(s['sensor']),
        engine: String(s['engine']),
        first: (s['first'] as string | null) ?? null,
        last: (s['last'] as string | null) ?? null,
        rows: Number(s['n']),
      })),
      topTalkers: talkers.map((t) => ({
        host: String(t['host']),
        connections: Number(t['n']),
        bytes: Number(t['bytes']),
      })),
      files: Number(files[0]?.['n']),
      rejects: Number(rejects[0]?.['n']),
    };
  }

  async listBatches(opts?: { readonly limit?: number }): Promise<BatchInfo[]> {
    await this.uow.commit();
    return listBatches(this.conn, opts?.limit);
  }

  async deleteBatch(id: number, opts?: { readonly dryRun?: boolean }): Promise<BatchDeletion | null> {
    const dryRun = opts?.dryRun ?? false;
    if (this.readOnly && !dryRun)
      throw new MamoriError(errorCodes.readOnly, 'the store was opened read-only');
    if (this.batchOpen || this.importOpen) throw new Error('deleteBatch() while a batch or import is open');
    await this.uow.commit();
    const done = await deleteBatch(this.conn, id, dryRun);
    // The ledger caches must forget the file, so that it can be ingested again.
    if (done && !dryRun) await this.loadLedger();
    return done;
  }

  async saveFindings(
    run: { readonly detectors: readonly string[]; readonly from?: string; readonly to?: string },
    findings: readonly Finding[],
  ): Promise<number> {
    if (this.readOnly) throw new MamoriError(errorCodes.readOnly, 'the store was opened read-only');
    if (this.batchOpen || this.importOpen) throw new Error('saveFindings() while a batch or import is open');
    await this.uow.commit();
    return saveFindings(this.conn, run, findings);
  }

  async saveIncidents(
    runId: number,
    items: readonly { readonly incident: Incident; readonly attribution: Attribution | null }[],
  ): Promise<void> {
    if (this.readOnly) throw new MamoriError(errorCodes.readOnly, 'the store was opened read-only');
    if (this.batchOpen || this.importOpen) throw new Error('saveIncidents() while a batch or import is open');
    await this.uow.commit();
    await saveIncidents(this.conn, runId, items);
  }

  async listIncidents(opts?: IncidentListOptions): Promise<IncidentListing[]> {
    await this.uow.commit();
    return listIncidents(this.conn, opts);
  }

  async getIncident(id: string): Promise<StoredIncident | null> {
    await this.uow.commit();
    // An id an incident had before it grew finds the incident under its current id.
    return (await getIncident(this.conn, await this.triage.resolve(id))) ?? getIncident(this.conn, id);
  }

  async close(): Promise<void> {
    // Closing would wait for a statement that ignored its interrupt; the process ends without it.
    if (this.abandoned) return;
    if (!this.readOnly) {
      if (this.batchOpen) throw new Error('close() with a batch still open');
      await this.uow.commit();
      try {
        await this.conn.run('CHECKPOINT');
      } catch {
        // A failed checkpoint only means the WAL is replayed at the next open.
      }
    }
    this.jsonStage.close();
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function ledgerFromRow(row: Record<string, unknown>): LedgerEntry {
  return {
    streamKey: String(row['stream_key']),
    rawDigest: String(row['raw_digest']),
    path: String(row['path']),
    rawSize: Number(row['raw_size'] ?? -1),
    rawMtimeMs: Number(row['raw_mtime'] ?? -1),
    format: String(row['format']),
    logType: String(row['log_type']),
    consumedBytes: Number(row['consumed_bytes']),
    consumedLines: Number(row['consumed_lines']),
    anchor: String(row['anchor']),
    header: String(row['header']),
    complete: row['complete'] === true,
    rows: Number(row['rows']),
    rejects: Number(row['rejects']),
  };
}
