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
import { appendRows, isoMicros } from './duckdb-intel-append.js';
import { finishImport } from './duckdb-intel-commit.js';
import { JsonSpool } from './duckdb-intel-spool.js';

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
  private readonly indicatorSpool: JsonSpool;
  private readonly relationshipSpool: JsonSpool;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly meta: IntelImportMeta,
    private readonly done: () => void,
    private readonly hadLists: boolean,
    private readonly hadEntities: boolean,
    tmpDir: string,
  ) {
    this.indicatorSpool = new JsonSpool(tmpDir, 'indicators');
    this.relationshipSpool = new JsonSpool(tmpDir, 'relationships');
  }

  /** Opens the transaction and clears what the source contributed before. */
  static async begin(
    conn: DuckDBConnection,
    meta: IntelImportMeta,
    done: () => void,
    tmpDir: string,
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
        `CREATE OR REPLACE TABLE intel_stage_rel (source_ref VARCHAR, type VARCHAR, target_ref VARCHAR,
           description VARCHAR, first_seen VARCHAR, last_seen VARCHAR)`,
      );
    } catch (err) {
      await conn.run('ROLLBACK');
      done();
      throw err;
    }
    return new DuckDBIntelWriter(conn, meta, done, hadLists, entitiesBefore > 0, tmpDir);
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
    this.indicatorSpool.write(
      rows.map((r) => ({
        key: indicatorKey(r.type, r.value, r.port),
        type: r.type,
        value: r.value,
        port: r.port,
        ip_version: r.ipVersion,
        ip_lo: r.ipLo,
        ip_hi: r.ipHi,
        ref: r.ref,
        valid_from: isoMicros(r.validFrom),
        valid_until: isoMicros(r.validUntil),
        confidence: r.confidence,
        tlp: r.tlp,
        first_seen: isoMicros(r.firstSeen),
        last_seen: isoMicros(r.lastSeen),
        description: r.description,
        pattern: r.pattern,
        to_ids: r.toIds,
        revoked: r.revoked,
        indicates: r.indicates,
      })),
    );
    this.counts.indicators += rows.length;
  }

  /** Moves the spooled indicators into the table, inside the import's transaction. */
  private async loadIndicators(): Promise<void> {
    const ts = (c: string) => `make_timestamp(${c})`;
    await this.indicatorSpool.load(
      this.conn,
      `INSERT INTO intel_indicator_sources
       SELECT key, type, value, port, ip_version, ip_lo::UHUGEINT, ip_hi::UHUGEINT, $source, ref,
              ${ts('valid_from')}, ${ts('valid_until')}, confidence, tlp, ${ts('first_seen')}, ${ts('last_seen')},
              description, pattern, to_ids, revoked, indicates
       FROM read_json($spool, format = 'newline_delimited', columns = {
         key: 'VARCHAR', type: 'VARCHAR', value: 'VARCHAR', port: 'INTEGER', ip_version: 'TINYINT',
         ip_lo: 'VARCHAR', ip_hi: 'VARCHAR', ref: 'VARCHAR', valid_from: 'BIGINT', valid_until: 'BIGINT',
         confidence: 'INTEGER', tlp: 'VARCHAR', first_seen: 'BIGINT', last_seen: 'BIGINT',
         description: 'VARCHAR', pattern: 'VARCHAR', to_ids: 'BOOLEAN', revoked: 'BOOLEAN', indicates: 'VARCHAR[]'})`,
      { source: this.meta.source },
    );
  }

  async addRelationships(rows: readonly RelationshipRow[]): Promise<void> {
    this.relationshipSpool.write(
      rows.map((r) => ({
        source_ref: r.sourceRef,
        type: r.type,
        target_ref: r.targetRef,
        description: r.description,
        first_seen: r.firstSeen,
        last_seen: r.lastSeen,
      })),
    );
    this.counts.relationships += rows.length;
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
      await this.loadIndicators();
      await this.relationshipSpool.load(
        this.conn,
        `INSERT INTO intel_stage_rel SELECT * FROM read_json($spool, format = 'newline_delimited', columns = {
           source_ref: 'VARCHAR', type: 'VARCHAR', target_ref: 'VARCHAR', description: 'VARCHAR',
           first_seen: 'VARCHAR', last_seen: 'VARCHAR'})`,
      );
      this.indicatorSpool.remove();
      this.relationshipSpool.remove();
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
    this.indicatorSpool.remove();
    this.relationshipSpool.remove();
    try {
      await this.conn.run('ROLLBACK');
    } catch {
      // already rolled back by the failure itself
    }
    this.done();
  }
}
