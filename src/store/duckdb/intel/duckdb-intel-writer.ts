import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  EntityMerge,
  EntitySourceRow,
  IndicatorRow,
  IntelImportCounts,
  IntelImportMeta,
  IntelImportWriter,
  ObservableRow,
  RelationshipRow,
  SightingRow,
  WarninglistRow,
} from '../../intel-store.js';
import { appendRows } from './duckdb-intel-append.js';
import { finishImport } from './duckdb-intel-commit.js';

/** The key of an indicator value: type, value and port (when it has one). */
export function indicatorKey(type: string, value: string, port: number | null): string {
  return port === null ? `${type}:${value}` : `${type}:${value}:${port}`;
}

const bySource = [
  'intel_entity_sources',
  'intel_relationships',
  'intel_pending_rel',
  'intel_indicator_sources',
  'intel_indicator_links',
  'intel_observables',
  'intel_sightings',
];

/**
 * One source's import inside one DuckDB transaction. Rows are appended as they stream in;
 * relationships wait in a temporary table until commit, when every ref can be resolved.
 */
export class DuckDBIntelWriter implements IntelImportWriter {
  private counts = {
    entities: 0,
    relationships: 0,
    indicators: 0,
    observables: 0,
    sightings: 0,
    warninglists: 0,
  };
  private readonly entityIds = new Set<string>();

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly meta: IntelImportMeta,
    private readonly done: () => void,
    private readonly hadLists: boolean,
    private readonly hadEntities: boolean,
  ) {}

  /** Opens the transaction and clears what the source contributed before. */
  static async begin(
    conn: DuckDBConnection,
    meta: IntelImportMeta,
    done: () => void,
  ): Promise<DuckDBIntelWriter> {
    await conn.run('BEGIN TRANSACTION');
    let hadLists = false;
    let entitiesBefore = 0;
    try {
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE intel_touched AS
         SELECT DISTINCT key FROM intel_indicator_sources WHERE source = $s`,
        { s: meta.source },
      );
      const hadEntities = await conn.runAndReadAll(
        `SELECT count(*)::BIGINT AS n FROM intel_entity_sources WHERE source = $s`,
        { s: meta.source },
      );
      entitiesBefore = Number(hadEntities.getRowObjectsJson()[0]?.['n'] ?? 0);
      const had = await conn.runAndReadAll(
        `SELECT count(*)::BIGINT AS n FROM warninglists WHERE source = $s`,
        {
          s: meta.source,
        },
      );
      hadLists = Number(had.getRowObjectsJson()[0]?.['n'] ?? 0) > 0;
      for (const t of bySource) await conn.run(`DELETE FROM ${t} WHERE source = $s`, { s: meta.source });
      await conn.run(
        `DELETE FROM warninglist_entries WHERE list IN (SELECT name FROM warninglists WHERE source = $s)`,
        {
          s: meta.source,
        },
      );
      await conn.run(`DELETE FROM warninglists WHERE source = $s`, { s: meta.source });
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE intel_stage_rel (source_ref VARCHAR, type VARCHAR, target_ref VARCHAR,
           description VARCHAR, first_seen VARCHAR, last_seen VARCHAR)`,
      );
    } catch (err) {
      await conn.run('ROLLBACK');
      done();
      throw err;
    }
    return new DuckDBIntelWriter(conn, meta, done, hadLists, entitiesBefore > 0);
  }

  async addEntities(rows: readonly EntitySourceRow[]): Promise<void> {
    for (const r of rows) this.entityIds.add(r.entityId);
    this.counts.entities += await appendRows(
      this.conn,
      'intel_entity_sources',
      [
        'varchar',
        'varchar',
        'varchar',
        'varchar',
        'varchar',
        'varchar[]',
        'varchar[]',
        'varchar[]',
        'varchar',
        'varchar',
        'varchar',
        'boolean',
        'boolean',
        'varchar',
        'varchar',
        'varchar',
        'integer',
      ],
      rows.map((r) => [
        r.entityId,
        this.meta.source,
        r.ref,
        r.type,
        r.name,
        r.aliases,
        r.attackIds,
        r.otherRefs,
        r.description,
        r.country,
        r.attrs,
        r.revoked,
        r.deprecated,
        r.url,
        r.published,
        r.tlp,
        r.rank,
      ]),
    );
  }

  async addIndicators(rows: readonly IndicatorRow[]): Promise<void> {
    this.counts.indicators += await appendRows(
      this.conn,
      'intel_indicator_sources',
      [
        'varchar',
        'varchar',
        'varchar',
        'integer',
        'tinyint',
        'uhugeint',
        'uhugeint',
        'varchar',
        'varchar',
        'timestamp',
        'timestamp',
        'integer',
        'varchar',
        'timestamp',
        'timestamp',
        'varchar',
        'varchar',
        'boolean',
        'boolean',
        'varchar[]',
      ],
      rows.map((r) => [
        indicatorKey(r.type, r.value, r.port),
        r.type,
        r.value,
        r.port,
        r.ipVersion,
        r.ipLo,
        r.ipHi,
        this.meta.source,
        r.ref,
        r.validFrom,
        r.validUntil,
        r.confidence,
        r.tlp,
        r.firstSeen,
        r.lastSeen,
        r.description,
        r.pattern,
        r.toIds,
        r.revoked,
        r.indicates,
      ]),
    );
  }

  async addRelationships(rows: readonly RelationshipRow[]): Promise<void> {
    this.counts.relationships += await appendRows(
      this.conn,
      'intel_stage_rel',
      ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar'],
      rows.map((r) => [r.sourceRef, r.type, r.targetRef, r.description, r.firstSeen, r.lastSeen]),
    );
  }

  async addObservables(rows: readonly ObservableRow[]): Promise<void> {
    this.counts.observables += await appendRows(
      this.conn,
      'intel_observables',
      ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'varchar[]'],
      rows.map((r) => [this.meta.source, r.ref, r.kind, r.value, r.reason, r.indicates]),
    );
  }

  async addSightings(rows: readonly SightingRow[]): Promise<void> {
    this.counts.sightings += await appendRows(
      this.conn,
      'intel_sightings',
      ['varchar', 'varchar', 'bigint', 'varchar', 'varchar', 'varchar'],
      rows.map((r) => [this.meta.source, r.ref, r.count, r.firstSeen, r.lastSeen, r.observer]),
    );
  }

  async addWarninglist(row: WarninglistRow): Promise<void> {
    await this.conn.run(`DELETE FROM warninglist_entries WHERE list = $n`, { n: row.name });
    await this.conn.run(`DELETE FROM warninglists WHERE name = $n`, { n: row.name });
    let entries = row.entries;
    if (row.matchType === 'regex') {
      // MISP writes PCRE; DuckDB's RE2 refuses some of it, and one bad pattern would fail every later import.
      const ok = [];
      for (const e of entries) {
        // MISP writes `/pattern/flags`; RE2 takes the bare pattern, with `(?i)` for the i flag.
        const m = /^\/(.*)\/([a-z]*)$/s.exec(e.value);
        const re = m ? `${m[2]?.includes('i') ? '(?i)' : ''}${m[1]}` : e.value;
        try {
          await this.conn.run(`SELECT regexp_matches('', $re)`, { re });
          ok.push({ ...e, value: re });
        } catch {
          // skipped: not an RE2 pattern
        }
      }
      entries = ok;
    }
    await appendRows(
      this.conn,
      'warninglists',
      [
        'varchar',
        'varchar',
        'varchar',
        'varchar',
        'varchar',
        'varchar[]',
        'varchar[]',
        'boolean',
        'bigint',
        'varchar',
      ],
      [
        [
          row.name,
          row.description,
          row.version,
          row.matchType,
          row.category,
          row.matchingAttributes,
          row.scope,
          row.suppresses,
          entries.length,
          this.meta.source,
        ],
      ],
    );
    await appendRows(
      this.conn,
      'warninglist_entries',
      ['varchar', 'varchar', 'tinyint', 'uhugeint', 'uhugeint'],
      entries.map((e) => [row.name, e.value, e.ipVersion, e.ipLo, e.ipHi]),
    );
    this.counts.warninglists++;
  }

  async commit(
    refMap: ReadonlyMap<string, string>,
    merges: readonly EntityMerge[] = [],
  ): Promise<IntelImportCounts> {
    try {
      const counts = await finishImport(this.conn, {
        meta: this.meta,
        refMap,
        merges,
        appended: this.counts,
        entityIds: this.entityIds,
        hadLists: this.hadLists,
        hadEntities: this.hadEntities,
      });
      return counts;
    } catch (err) {
      await this.abort();
      throw err;
    } finally {
      this.done();
    }
  }

  async abort(): Promise<void> {
    try {
      await this.conn.run('ROLLBACK');
    } catch {
      // already rolled back by the failure itself
    }
    this.done();
  }
}
