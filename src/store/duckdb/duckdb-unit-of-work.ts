import { type DuckDBConnection, DuckDBTimestampValue } from '@duckdb/node-api';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import { BatchesLost } from '../batches-lost.js';
import { telemetryTableNames } from '../schema/tables.js';
import type { LedgerEntry } from '../store.js';
import type { BatchOwner, BatchRecord } from './duckdb-batch.js';
import { refreshSeen } from './duckdb-seen.js';
import { sqlIdent } from './duckdb-types.js';

/**
 * Groups many batches into one DuckDB transaction, because a commit costs milliseconds and a
 * folder of hourly logs has hundreds of small files. An aborted batch deletes its own rows by
 * batch id; if DuckDB itself failed (which poisons the transaction), the whole group is rolled
 * back and `BatchesLost` names the batches the caller must ingest again.
 */
export class DuckDBUnitOfWork implements BatchOwner {
  private open = false;
  private batches: BatchRecord[] = [];
  private ledger = new Map<string, LedgerEntry>();

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly onRolledBack: () => Promise<void>,
  ) {}

  /** Starts the transaction if none is open. */
  async ensureOpen(): Promise<void> {
    if (this.open) return;
    await this.conn.run('BEGIN TRANSACTION');
    this.open = true;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Queues a ledger row for the commit (the latest entry per stream wins). */
  recordLedger(e: LedgerEntry): void {
    this.ledger.set(e.streamKey, e);
  }

  batchCommitted(record: BatchRecord): void {
    this.batches.push(record);
  }

  async batchAborted(id: number): Promise<void> {
    try {
      for (const t of [...telemetryTableNames, 'rejects']) {
        await this.conn.run(`DELETE FROM ${sqlIdent(t)} WHERE batch_id = $id`, { id });
      }
    } catch (err) {
      const lost = this.batches.map((b) => b.origin.sourceFile);
      await this.rollback();
      throw new BatchesLost(lost, err);
    }
  }

  /** Writes the queued batch and ledger rows and commits. */
  async commit(): Promise<void> {
    if (!this.open) return;
    try {
      if (this.ledger.size > 0) {
        const keys = [...this.ledger.keys()];
        await this.conn.run(`DELETE FROM ingest_files WHERE list_contains($keys::VARCHAR[], stream_key)`, {
          keys: JSON.stringify(keys),
        });
        const a = await this.conn.createAppender('ingest_files');
        const now = new DuckDBTimestampValue(BigInt(Date.now()) * 1000n);
        for (const e of this.ledger.values()) {
          a.appendVarchar(e.streamKey);
          a.appendVarchar(e.rawDigest);
          a.appendVarchar(e.path);
          a.appendVarchar(e.format);
          a.appendVarchar(e.logType);
          a.appendUBigInt(BigInt(e.consumedBytes));
          a.appendUBigInt(BigInt(e.consumedLines));
          a.appendVarchar(e.anchor);
          a.appendVarchar(e.header);
          a.appendBoolean(e.complete);
          a.appendUBigInt(BigInt(e.rows));
          a.appendUBigInt(BigInt(e.rejects));
          a.appendTimestamp(now);
          a.appendUBigInt(BigInt(e.rawSize));
          a.appendDouble(e.rawMtimeMs);
          a.endRow();
        }
        a.closeSync();
      }
      if (this.batches.length > 0) {
        const a = await this.conn.createAppender('ingest_batches');
        const now = new DuckDBTimestampValue(BigInt(Date.now()) * 1000n);
        for (const b of this.batches) {
          a.appendBigInt(BigInt(b.id));
          a.appendVarchar(b.origin.sensor);
          a.appendVarchar(b.origin.engine);
          a.appendVarchar(b.origin.sourceFile);
          a.appendTimestamp(new DuckDBTimestampValue(BigInt(b.startedAt.getTime()) * 1000n));
          a.appendTimestamp(now);
          a.appendUBigInt(BigInt(b.rows));
          a.appendUBigInt(BigInt(b.rejects));
          if (b.origin.streamKey) a.appendVarchar(b.origin.streamKey);
          else a.appendNull();
          a.endRow();
        }
        a.closeSync();
        await refreshSeen(this.conn, Math.max(...this.batches.map((b) => b.id)));
      }
      await this.conn.run('COMMIT');
    } catch (err) {
      await this.rollback();
      throw new MamoriError(errorCodes.store, `could not commit to the store: ${messageOf(err)}`, {
        cause: err,
      });
    }
    this.reset();
  }

  /** Discards everything since the transaction began. */
  async rollback(): Promise<void> {
    if (!this.open) return;
    try {
      await this.conn.run('ROLLBACK');
    } finally {
      this.reset();
      await this.onRolledBack();
    }
  }

  private reset(): void {
    this.open = false;
    this.batches = [];
    this.ledger = new Map();
  }
}
