import type { DuckDBConnection } from '@duckdb/node-api';
import { errorCodes, MamoriError } from '../../../errors.js';
import type {
  ActorProfiles,
  EntityDetail,
  EntitySummary,
  IndexedEntity,
  IndicatorHit,
  IndicatorQuery,
  IntelImportMeta,
  IntelImportWriter,
  IntelStats,
  IntelStore,
  NameConflict,
  WarninglistOrigin,
} from '../../intel-store.js';
import { refreshSeen } from '../duckdb-seen.js';
import { nameConflicts } from './duckdb-intel-claims.js';
import { actorProfiles } from './duckdb-intel-profiles.js';
import {
  entityDetail,
  findEntities,
  intelStats,
  loadIndex,
  pendingRefs,
  searchIndicators,
} from './duckdb-intel-queries.js';
import { DuckDBIntelWriter } from './duckdb-intel-writer.js';
import { warninglistOrigins, warninglistsOf } from './duckdb-warninglists-of.js';

/** Hooks into the owning store: finish pending telemetry work first, and keep batches out meanwhile. */
export interface IntelOwner {
  readonly readOnly: boolean;
  /** Where large imports spool records until commit. */
  readonly tmpDir: string;
  /** Commits pending telemetry batches, so an import runs in a transaction of its own. */
  settle(): Promise<void>;
  setImportOpen(open: boolean): void;
}

/** The knowledge base in the DuckDB store. */
export class DuckDBIntelStore implements IntelStore {
  constructor(
    private readonly conn: DuckDBConnection,
    private readonly owner: IntelOwner,
  ) {}

  loadIndex(): Promise<IndexedEntity[]> {
    return loadIndex(this.conn);
  }

  pendingRefs(): Promise<string[]> {
    return pendingRefs(this.conn);
  }

  async beginImport(meta: IntelImportMeta): Promise<IntelImportWriter> {
    if (this.owner.readOnly) throw new MamoriError(errorCodes.readOnly, 'the store was opened read-only');
    await this.owner.settle();
    this.owner.setImportOpen(true);
    return DuckDBIntelWriter.begin(this.conn, meta, () => this.owner.setImportOpen(false), this.owner.tmpDir);
  }

  findEntities(query: string, opts?: { limit?: number }): Promise<EntitySummary[]> {
    return findEntities(this.conn, query, opts?.limit ?? 20);
  }

  entityDetail(id: string): Promise<EntityDetail | null> {
    return entityDetail(this.conn, id);
  }

  nameConflicts(filter: { source?: string; entityId?: string }): Promise<NameConflict[]> {
    return nameConflicts(this.conn, filter);
  }

  searchIndicators(q: IndicatorQuery): Promise<IndicatorHit[]> {
    return searchIndicators(this.conn, q);
  }

  stats(): Promise<IntelStats> {
    return intelStats(this.conn);
  }

  warninglistsOf(values: readonly string[], opts?: { context?: boolean }): Promise<Map<string, string[]>> {
    return warninglistsOf(this.conn, values, opts?.context ?? false);
  }

  warninglistOrigins(): Promise<WarninglistOrigin[]> {
    return warninglistOrigins(this.conn);
  }

  actorProfiles(): Promise<ActorProfiles> {
    return actorProfiles(this.conn);
  }

  async prepareMatching(): Promise<void> {
    await this.owner.settle();
    // Catches up rows committed without the dictionaries (older builds); ingest keeps them current.
    if (!this.owner.readOnly) {
      await this.conn.run('BEGIN TRANSACTION');
      try {
        await refreshSeen(this.conn);
        await this.conn.run('COMMIT');
      } catch (err) {
        await this.conn.run('ROLLBACK');
        throw err;
      }
    }
  }
}
