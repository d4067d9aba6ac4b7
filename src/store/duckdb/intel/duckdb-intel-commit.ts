import type { DuckDBConnection } from '@duckdb/node-api';
import { log } from '../../../log.js';
import type { EntityMerge, IntelImportCounts, IntelImportMeta } from '../../intel-store.js';
import { appendRows } from './duckdb-intel-append.js';
import { rebuildEntities, rebuildIndicators } from './duckdb-intel-rebuild.js';

/** What an import appended, for its commit. */
export interface ImportJob {
  readonly meta: IntelImportMeta;
  readonly refMap: ReadonlyMap<string, string>;
  readonly merges: readonly EntityMerge[];
  readonly appended: {
    readonly relationships: number;
    readonly observables: number;
    readonly sightings: number;
    readonly warninglists: number;
  };
  readonly entityIds: ReadonlySet<string>;
  readonly hadLists: boolean;
  readonly hadEntities: boolean;
}

/**
 * Ends an import inside its transaction: resolves the staged relationships and indicator links
 * through the ref map (keeping the unresolved ones, and resolving older ones this import defines),
 * applies entity merges, rebuilds the merged views, records the source, and commits.
 */
export async function finishImport(c: DuckDBConnection, job: ImportJob): Promise<IntelImportCounts> {
  const s = { s: job.meta.source };
  let lap = performance.now();
  const phases: Record<string, number> = {};
  const mark = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - lap);
    lap = now;
  };
  const one = async (sql: string) => (await c.runAndReadAll(sql, s)).getRowObjectsJson();
  await c.run(`CREATE OR REPLACE TEMP TABLE intel_ref_map (ref VARCHAR, entity_id VARCHAR)`);
  await appendRows(
    c,
    'intel_ref_map',
    ['varchar', 'varchar'],
    [...job.refMap].map(([ref, id]) => [ref, id]),
  );
  mark('refmap');
  for (const m of job.merges) {
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
    `SELECT source_ref || ' ' || type || ' ' || target_ref AS d FROM intel_pending_rel WHERE source = $s ORDER BY d`,
  );
  // Aliases and names only change when entities came or went.
  if (job.hadEntities || job.entityIds.size > 0 || job.merges.length > 0) await rebuildEntities(c);
  mark('entities');
  await c.run(
    `INSERT INTO intel_touched SELECT DISTINCT key FROM intel_indicator_sources WHERE source = $s`,
    s,
  );
  await rebuildIndicators(c, job.hadLists || job.appended.warninglists > 0);
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
    entities: job.entityIds.size,
    newEntities: Number(before[0]?.['ne'] ?? 0),
    relationships: job.appended.relationships,
    indicators: Number(after[0]?.['n'] ?? 0),
    mergedIndicators: Number(after[0]?.['merged'] ?? 0),
    newIndicators: Number(before[0]?.['ni'] ?? 0),
    warninglisted: Number(after[0]?.['wl'] ?? 0),
    warninglistedExamples: wlExamples.map((r) => ({
      value: String(r['value']),
      lists: (r['warninglists'] as string[]) ?? [],
    })),
    observables: job.appended.observables,
    sightings: job.appended.sightings,
    warninglists: job.appended.warninglists,
    dangling: dangling.length,
    danglingExamples: dangling.slice(0, 5).map((r) => String(r['d'])),
  };
  await c.run(
    `INSERT OR REPLACE INTO intel_sources VALUES ($s, $kind, $path, $digest, now()::TIMESTAMP, $counts)`,
    {
      ...s,
      kind: job.meta.kind,
      path: job.meta.path,
      digest: job.meta.digest,
      // The policy rides along with the counts: matching reads it back per source.
      counts: JSON.stringify({
        ...counts,
        ...(job.meta.liveScope ? { liveScope: job.meta.liveScope } : {}),
        ...(job.meta.trusted ? { trusted: true } : {}),
      }),
    },
  );
  await c.run(`DROP TABLE IF EXISTS intel_stage_rel`);
  await c.run(`DROP TABLE IF EXISTS intel_ref_map`);
  await c.run(`DROP TABLE IF EXISTS intel_touched`);
  await c.run('COMMIT');
  mark('commit');
  log.debug({ source: job.meta.source, ms: phases }, 'intel commit phases');
  return counts;
}
