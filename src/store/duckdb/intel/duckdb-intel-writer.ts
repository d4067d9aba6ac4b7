import type { DuckDBConnection } from '@duckdb/node-api';
import { log } from '../../../log.js';
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
import { rebuildEntities, rebuildIndicators } from './duckdb-intel-rebuild.js';

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
    const c = this.conn;
    const s = { s: this.meta.source };
    let lap = performance.now();
    const phases: Record<string, number> = {};
    const mark = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round(now - lap);
      lap = now;
    };
    const one = async (sql: string) => (await c.runAndReadAll(sql, s)).getRowObjectsJson();
    try {
      await c.run(`CREATE OR REPLACE TEMP TABLE intel_ref_map (ref VARCHAR, entity_id VARCHAR)`);
      await appendRows(
        c,
        'intel_ref_map',
        ['varchar', 'varchar'],
        [...refMap].map(([ref, id]) => [ref, id]),
      );
      mark('refmap');
      for (const m of merges) {
        const p = { from: m.from, into: m.into };
        await c.run(`UPDATE intel_entity_sources SET entity_id = $into WHERE entity_id = $from`, p);
        await c.run(`UPDATE intel_relationships SET source_id = $into WHERE source_id = $from`, p);
        await c.run(`UPDATE intel_relationships SET target_id = $into WHERE target_id = $from`, p);
        await c.run(`UPDATE intel_indicator_links SET entity_id = $into WHERE entity_id = $from`, p);
        await c.run(`DELETE FROM intel_relationships WHERE source_id = target_id`);
      }
      const before = await one(
        `SELECT (SELECT count(DISTINCT entity_id) FROM intel_entity_sources WHERE source = $s
                   AND entity_id NOT IN (SELECT id FROM intel_entities))::BIGINT AS ne,
                (SELECT count(DISTINCT key) FROM intel_indicator_sources WHERE source = $s
                   AND key NOT IN (SELECT key FROM intel_indicators))::BIGINT AS ni`,
      );
      mark('before');
      await c.run(
        `INSERT INTO intel_relationships
         SELECT DISTINCT a.entity_id, r.type, b.entity_id, $s, r.description, r.first_seen, r.last_seen
         FROM intel_stage_rel r JOIN intel_ref_map a ON a.ref = r.source_ref JOIN intel_ref_map b ON b.ref = r.target_ref
         WHERE a.entity_id <> b.entity_id`,
        s,
      );
      mark('rels');
      await c.run(
        `INSERT INTO intel_indicator_links
         SELECT DISTINCT key, m.entity_id, $s FROM (
           SELECT key, unnest(indicates) AS ref FROM intel_indicator_sources WHERE source = $s
           UNION ALL
           SELECT i.key, r.target_ref FROM intel_stage_rel r
             JOIN intel_indicator_sources i ON i.ref = r.source_ref AND i.source = $s
           WHERE r.type = 'indicates'
         ) l JOIN intel_ref_map m ON m.ref = l.ref`,
        s,
      );
      mark('links');
      const unresolved = `FROM intel_stage_rel r
         WHERE NOT (EXISTS (SELECT 1 FROM intel_ref_map m WHERE m.ref = r.source_ref)
                    OR EXISTS (SELECT 1 FROM intel_indicator_sources i WHERE i.source = $s AND i.ref = r.source_ref))
            OR NOT EXISTS (SELECT 1 FROM intel_ref_map m WHERE m.ref = r.target_ref)`;
      await c.run(
        `INSERT INTO intel_pending_rel SELECT $s, source_ref, type, target_ref, description, first_seen, last_seen ${unresolved}`,
        s,
      );
      mark('pending');
      // Earlier sources' loose ends that this import defines.
      await c.run(
        `CREATE OR REPLACE TEMP TABLE intel_now_resolved AS
         SELECT p.rowid AS rid, a.entity_id AS a_id, b.entity_id AS b_id, p.type, p.source, p.description,
                p.first_seen, p.last_seen
         FROM intel_pending_rel p JOIN intel_ref_map a ON a.ref = p.source_ref
           JOIN intel_ref_map b ON b.ref = p.target_ref WHERE p.source <> $s`,
        s,
      );
      await c.run(
        `INSERT INTO intel_relationships SELECT DISTINCT a_id, type, b_id, source, description, first_seen, last_seen
         FROM intel_now_resolved WHERE a_id <> b_id`,
      );
      await c.run(`DELETE FROM intel_pending_rel WHERE rowid IN (SELECT rid FROM intel_now_resolved)`);
      await c.run(`DROP TABLE intel_now_resolved`);
      mark('resolved');
      const dangling = await one(
        `SELECT source_ref || ' ' || type || ' ' || target_ref AS d FROM intel_pending_rel WHERE source = $s`,
      );
      // Aliases and names only change when entities came or went.
      if (this.hadEntities || this.entityIds.size > 0 || merges.length > 0) await rebuildEntities(c);
      mark('entities');
      await c.run(
        `INSERT INTO intel_touched SELECT DISTINCT key FROM intel_indicator_sources WHERE source = $s`,
        s,
      );
      await rebuildIndicators(c, this.hadLists || this.counts.warninglists > 0);
      mark('indicators');
      const after = await one(
        `SELECT count(*)::BIGINT AS n,
                count(*) FILTER (WHERE len(sources) > 1)::BIGINT AS merged,
                count(*) FILTER (WHERE len(warninglists) > 0)::BIGINT AS wl
         FROM intel_indicators WHERE list_contains(sources, $s)`,
      );
      const wlExamples = await one(
        `SELECT value, warninglists FROM intel_indicators
         WHERE list_contains(sources, $s) AND len(warninglists) > 0 ORDER BY value LIMIT 10`,
      );
      const counts: IntelImportCounts = {
        entities: this.entityIds.size,
        newEntities: Number(before[0]?.['ne'] ?? 0),
        relationships: this.counts.relationships,
        indicators: Number(after[0]?.['n'] ?? 0),
        mergedIndicators: Number(after[0]?.['merged'] ?? 0),
        newIndicators: Number(before[0]?.['ni'] ?? 0),
        warninglisted: Number(after[0]?.['wl'] ?? 0),
        warninglistedExamples: wlExamples.map((r) => ({
          value: String(r['value']),
          lists: (r['warninglists'] as string[]) ?? [],
        })),
        observables: this.counts.observables,
        sightings: this.counts.sightings,
        warninglists: this.counts.warninglists,
        dangling: dangling.length,
        danglingExamples: dangling.slice(0, 5).map((r) => String(r['d'])),
      };
      await c.run(
        `INSERT OR REPLACE INTO intel_sources VALUES ($s, $kind, $path, $digest, now()::TIMESTAMP, $counts)`,
        {
          ...s,
          kind: this.meta.kind,
          path: this.meta.path,
          digest: this.meta.digest,
          counts: JSON.stringify(counts),
        },
      );
      await c.run(`DROP TABLE IF EXISTS intel_stage_rel`);
      await c.run(`DROP TABLE IF EXISTS intel_ref_map`);
      await c.run(`DROP TABLE IF EXISTS intel_touched`);
      await c.run('COMMIT');
      mark('commit');
      log.debug({ source: this.meta.source, ms: phases }, 'intel commit phases');
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
