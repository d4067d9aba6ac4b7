import type { Attribution } from '../domain/attribution.js';
import type { Finding } from '../domain/finding.js';
import type { Incident } from '../domain/incident.js';
import type { IncidentVerdict } from '../domain/incident-verdict.js';
import type { IncidentTriage, TriageStatus } from '../domain/triage.js';
import type { AnalyticsSession } from './analytics-session.js';
import type { IdentityStore } from './identity-store.js';
import type { IntelStore } from './intel-store.js';
import type { TelemetryTableName } from './schema/tables.js';
import type { TriageStore } from './triage-store.js';
import type { UserQueryLimits } from './user-query.js';

/** Names of the storage backends; `Record<BackendName, T>` makes the compiler list every gap. */
export type BackendName = 'duckdb';

/** What a backend can do beyond the basics; callers branch on these, never on the backend name. */
export interface StoreCapabilities {
  /** Can bulk-load a Zeek TSV file straight from disk with its own reader. */
  readonly nativeTsvLoad: boolean;
  /** Can bulk-load clean JSON-lines files with its own reader (`scanJson`, `loadNativeJson`). */
  readonly nativeJsonLoad: boolean;
  /** Batches are atomic: an aborted batch leaves no rows behind. */
  readonly transactions: boolean;
}

/** A JS value bound for one column; see ColumnType for the mapping. */
export type CellValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | readonly string[]
  | readonly (number | null)[];

/** One malformed input record, kept so nothing is silently lost. */
export interface RejectRecord {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly raw: string;
}

/** Where the rows of a batch come from. */
export interface BatchOrigin {
  readonly sensor: string;
  readonly sourceFile: string;
  readonly engine: 'zeek' | 'suricata';
  /** The ledger's key for the logged stream this batch reads (the file's name may change on rotation). */
  readonly streamKey?: string;
}

/** Column layout of a Zeek TSV file, as its header declares it. */
export interface TsvLayout {
  readonly separator: string;
  readonly setSeparator: string;
  readonly emptyField: string;
  readonly unsetField: string;
  readonly fields: readonly string[];
  readonly types: readonly string[];
}

/** A Zeek TSV body for the backend's own reader: a clean file, known layout, target table. */
export interface NativeTsvLoad {
  readonly path: string;
  /** Lines to skip at the start of the file (its header, when the original file is read in place). */
  readonly skipLines: number;
  readonly layout: TsvLayout;
  readonly table: TelemetryTableName;
  /** Constant columns, such as `is_open` for open_conn logs or `log_type` for events. */
  readonly constants: Readonly<Record<string, CellValue>>;
  /** Added to the backend's line numbers so rejects name lines of the original file. */
  readonly lineOffset: number;
  /** The body holds a backslash, so Zeek's escapes (`\\`, `\xHH`) must be decoded after loading. */
  readonly mayHaveEscapes: boolean;
  /** Non-blank lines in the body; when every one became a row there are no rejects to collect. */
  readonly dataLines: number;
  /** The longest line the body may hold (the reader rejected longer ones); default 1 MiB. */
  readonly maxLineBytes?: number;
}

/** What the backend's JSON reader saw in a file: its records, their `_path` values and keys. */
export interface JsonScan {
  readonly records: number;
  /** Records that name their log type in `_path`. */
  readonly recordsWithPath: number;
  /** Records lacking `id.orig_h` or `id.resp_h` (a reject in conn, dns, http and ssl). */
  readonly recordsWithoutAddresses: number;
  readonly paths: readonly string[];
  readonly keys: readonly string[];
}

/** A JSON-lines file for the backend's own reader, whose keys map onto a table. */
export interface NativeJsonLoad {
  readonly path: string;
  readonly gzip: boolean;
  readonly table: TelemetryTableName;
  readonly constants: Readonly<Record<string, CellValue>>;
  /** Every key the file holds; those without a column go to `extra`. */
  readonly keys: readonly string[];
  /** Keys never stored, such as `_path`. */
  readonly dropKeys: readonly string[];
  /** The longest line the file holds; default 1 MiB. */
  readonly maxLineBytes?: number;
}

/** Rows and rejects a native load produced. */
export interface NativeLoadResult {
  readonly rows: number;
  readonly rejects: readonly RejectRecord[];
  /**
   * Data lines the backend left out without a reject of its own: values outside their column's
   * range (store/schema/value-ranges.ts). The caller names them line by line.
   */
  readonly unexplained?: number;
}

/** Records of a batch that other batches (other files or formats) already held, and where. */
export interface DuplicateReport {
  readonly rows: number;
  /** The files already holding them, most rows first. */
  readonly heldBy: readonly { readonly file: string; readonly rows: number }[];
}

/** Rows of one input file, all or nothing: commit keeps them, abort drops them. */
export interface IngestBatch {
  readonly id: number;
  /** Readies a table for `append`; await it once per table before appending. */
  prepare(table: TelemetryTableName): Promise<void>;
  /**
   * Appends one row; `values` are in the table's column order, without the provenance columns.
   * `sensor` overrides the batch's sensor for this row (a sensor named in the record).
   */
  append(
    table: TelemetryTableName,
    values: readonly CellValue[],
    extra: string | null,
    sensor?: string | null,
  ): void;
  /**
   * Reads a JSON-lines file's shape, or null when the reader refuses it (bad JSON or encoding).
   * Has no effect on the batch. Only when `capabilities.nativeJsonLoad`.
   */
  scanJson(path: string, gzip: boolean, maxLineBytes?: number): Promise<JsonScan | null>;
  /**
   * Loads a JSON-lines file, all or nothing: null (and no rows) when any value does not fit its
   * column, so the caller can read the file line by line instead. Only when `capabilities.nativeJsonLoad`.
   */
  loadNativeJson(load: NativeJsonLoad): Promise<{ rows: number } | null>;
  /** Loads a clean TSV body with the backend's reader; only when `capabilities.nativeTsvLoad`. */
  loadNativeTsv(load: NativeTsvLoad): Promise<NativeLoadResult>;
  addRejects(rejects: readonly RejectRecord[]): Promise<void>;
  /**
   * Loads what is pending and removes the batch's records that another batch already holds (the
   * same log type, id and ts; see schema/duplicate-keys.ts). Call once, after the last row.
   */
  dropDuplicates(): Promise<DuplicateReport>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** What the ledger remembers of an ingested input file. */
export interface LedgerEntry {
  /** Hash of the decompressed header and first record: the identity of a log across rotation. */
  readonly streamKey: string;
  /** Hash of the raw bytes' head, tail and size: equal means nothing new to read. */
  readonly rawDigest: string;
  readonly path: string;
  /** Size and modification time of `path` when it was last read, for a quick unchanged check. */
  readonly rawSize: number;
  readonly rawMtimeMs: number;
  readonly format: string;
  readonly logType: string;
  /** Decompressed bytes consumed so far (up to the last complete line). */
  readonly consumedBytes: number;
  readonly consumedLines: number;
  /** Hash of the bytes just before `consumedBytes`, to check a resumed file is the same stream. */
  readonly anchor: string;
  /** The header text, so that a tail can be parsed without re-reading the head. */
  readonly header: string;
  /** True once the stream can no longer grow (rotated, compressed or closed). */
  readonly complete: boolean;
  readonly rows: number;
  readonly rejects: number;
}

/** Result of a user query. */
export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
  /** True when the statement had more rows than the limit asked for; `rows` stops at the limit. */
  readonly truncated?: boolean;
}

/** Stored telemetry summary for `mamori stats`. */
export interface StoreStats {
  readonly schemaVersion: number;
  readonly tables: readonly { table: string; rows: number }[];
  readonly sensors: readonly {
    sensor: string;
    engine: string;
    first: string | null;
    last: string | null;
    rows: number;
  }[];
  readonly topTalkers: readonly { host: string; connections: number; bytes: number }[];
  readonly files: number;
  readonly rejects: number;
}

/** One ingest batch: the rows one run took from one file. */
export interface BatchInfo {
  readonly id: number;
  readonly sensor: string;
  readonly engine: string;
  readonly sourceFile: string;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly rows: number;
  readonly rejects: number;
}

/** What `deleteBatch` removed (or, in a dry run, would remove). */
export interface BatchDeletion {
  readonly batch: BatchInfo;
  readonly dryRun: boolean;
  /** Rows per telemetry table (tables with none left out), and rejects. */
  readonly rows: Readonly<Record<string, number>>;
  readonly rejects: number;
  /** Ledger entries of the batch's file: without them the file can be ingested again. */
  readonly ledgerEntries: number;
  /**
   * Detection runs that started after the batch was ingested, so may have read its rows: they are
   * deleted with their findings and incidents (run `mamori hunt` again).
   */
  readonly detectRuns: number;
  readonly findings: number;
  readonly incidents: number;
  /** Other batches from the same file (it grew): they stay; ingesting the file again skips their records as duplicates. */
  readonly otherBatchesOfFile: readonly number[];
}

/** The storage interface every backend implements; the contract suite runs against each. */
export interface Store {
  readonly backend: BackendName;
  readonly capabilities: StoreCapabilities;
  readonly readOnly: boolean;
  schemaVersion(): Promise<number>;
  /**
   * Starts a batch. Committed batches become durable together at the next `flush()` (or `close()`);
   * an aborted batch leaves nothing behind. If the backend has to undo other finished batches to
   * abort one, `abort()` throws `BatchesLost` naming their files.
   */
  beginBatch(origin: BatchOrigin): Promise<IngestBatch>;
  /** Makes every committed batch durable. */
  flush(): Promise<void>;
  findByRawDigest(rawDigest: string): Promise<LedgerEntry | null>;
  /** The entry last read from `path`, to skip files whose size and mtime have not changed. */
  findByPath(path: string): Promise<LedgerEntry | null>;
  findByStreamKey(streamKey: string): Promise<LedgerEntry | null>;
  recordFile(entry: LedgerEntry): Promise<void>;
  /** Read-only SQL from a user, under a time and memory limit; refuses anything but queries. */
  userQuery(sql: string, opts?: UserQueryLimits): Promise<QueryResult>;
  /** Internal parameterised query. */
  query(sql: string, params?: readonly CellValue[]): Promise<Record<string, unknown>[]>;
  /** Row count of each telemetry table. */
  tableRows(): Promise<Record<string, number>>;
  stats(opts?: { top?: number }): Promise<StoreStats>;
  /** Ingest batches, newest first. */
  listBatches(opts?: { readonly limit?: number }): Promise<BatchInfo[]>;
  /**
   * Removes one batch: its rows in every telemetry table, its rejects, its ledger entries (so its
   * file can be ingested again) and the detection runs that may have read it. Null when no batch
   * has this id. With `dryRun`, only counts.
   */
  deleteBatch(id: number, opts?: { readonly dryRun?: boolean }): Promise<BatchDeletion | null>;
  /** Aggregates for the detectors. */
  /** The session detector and correlator queries run on (see analytics-session.ts). */
  readonly analytics: AnalyticsSession;
  /** Stores one detection run's findings; returns its run id. */
  saveFindings(
    run: { readonly detectors: readonly string[]; readonly from?: string; readonly to?: string },
    findings: readonly Finding[],
  ): Promise<number>;
  /** Stores a detection run's incidents and their attributions, replacing any it had. */
  saveIncidents(
    runId: number,
    items: readonly { readonly incident: Incident; readonly attribution: Attribution | null }[],
  ): Promise<void>;
  /** The incidents of a run (default: the latest run with incidents), highest score first. */
  listIncidents(opts?: IncidentListOptions): Promise<IncidentListing[]>;
  /** One incident by id (or an id it had before it grew), from the latest run that holds it. */
  getIncident(id: string): Promise<StoredIncident | null>;
  /** The threat knowledge base, kept beside the telemetry so that matching is a join. */
  readonly intel: IntelStore;
  /** Users, organisations, tokens, sessions and the audit log (the team server's identity model). */
  readonly identity: IdentityStore;
  /** Triage state, notes, history, suppressions, incident aliases and alert state. */
  readonly triage: TriageStore;
  close(): Promise<void>;
}

/** Which incidents `listIncidents` returns: of one run (default the latest), active in a window. */
export interface IncidentListOptions {
  readonly runId?: number;
  readonly limit?: number;
  /** Only incidents active at or after this ISO instant (their last activity is not earlier). */
  readonly from?: string;
  /** Only incidents active at or before this ISO instant (their first activity is not later). */
  readonly to?: string;
  /** Only these triage statuses (`new` includes the never triaged). */
  readonly status?: readonly TriageStatus[];
  readonly severity?: readonly string[];
  readonly verdict?: IncidentVerdict;
  /** Only incidents assigned to this user. */
  readonly assignee?: string;
  /** Text in the id, summary, actor, a host or a server (case-insensitive). */
  readonly q?: string;
  /** A sort of the triage queue; absent keeps the default (suspicious first, by score). */
  readonly sort?: IncidentSort;
  readonly order?: 'asc' | 'desc';
  /** Keyset cursor: the sort value and id of the last row of the previous page (needs `sort`). */
  readonly after?: { readonly value: number | string | null; readonly id: string };
}

/** The columns the triage queue sorts by. */
export const incidentSorts = [
  'score',
  'lastSeen',
  'firstSeen',
  'hosts',
  'servers',
  'bytes',
  'severity',
] as const;
export type IncidentSort = (typeof incidentSorts)[number];

/** One row of `mamori incidents`. */
export interface IncidentListing {
  readonly runId: number;
  readonly id: string;
  readonly savedAt: string;
  readonly severity: string;
  readonly score: number;
  readonly summary: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly hosts: number;
  readonly servers: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  /** The top hypothesis when it is a named actor. */
  readonly topActor: string | null;
  readonly topProbability: number | null;
  /** The ICD 203 term of that hypothesis. */
  readonly topTerm?: string | null;
  /** The value the listing was sorted by (`sort`), for the next page's cursor. */
  readonly sortValue?: number | string | null;
  /** The network (sensors, comma-separated) the incident's hosts are in. */
  readonly scope?: string;
  /** The analyst's latest decision; null when never triaged (status `open`). */
  readonly triage: IncidentTriage | null;
  /** `likely-benign` for a look-alike (listed after the suspicious ones), with why. */
  readonly verdict: IncidentVerdict;
  readonly verdictReasons: readonly string[];
}

/** An incident as a hunt stored it. */
export interface StoredIncident {
  readonly runId: number;
  readonly incident: Incident;
  readonly attribution: Attribution | null;
  /** The analyst's latest decision; null when never triaged (status `open`). */
  readonly triage: IncidentTriage | null;
}

/** How a store is opened. */
export interface StoreOptions {
  /** Data directory holding the database. */
  readonly dataDir: string;
  readonly readOnly?: boolean;
}
