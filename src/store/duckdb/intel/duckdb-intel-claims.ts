import type { DuckDBConnection } from '@duckdb/node-api';
import { referenceRankSql } from '../../../domain/source-ranks.js';
import type { NameConflict } from '../../intel-store.js';
import { nameKeySql } from './duckdb-name-key.js';

/** Entity types merged by name: techniques go by ATT&CK id only, and a report's title is nobody's alias. */
const named = `type IN ('intrusion-set', 'threat-actor', 'malware', 'tool', 'campaign')`;

/**
 * What reference sources (ATT&CK, galaxies, `--trusted`) say each entity is called and numbered:
 * `intel_ref_names (entity_id, k)` and `intel_ref_ids (entity_id, a)`. An unvetted source's name,
 * alias or ATT&CK id that one of them gives another entity is a claim the merged view leaves out,
 * whichever was imported first.
 */
export async function createClaimTables(c: DuckDBConnection): Promise<void> {
  await c.run(
    `CREATE OR REPLACE TEMP TABLE intel_ref_names AS
     SELECT DISTINCT entity_id, ${nameKeySql('n')} AS k FROM (
       SELECT entity_id, unnest(list_concat([name], aliases)) AS n FROM intel_entity_sources
       WHERE ${referenceRankSql()} AND ${named})
     WHERE ${nameKeySql('n')} <> ''`,
  );
  await c.run(
    `CREATE OR REPLACE TEMP TABLE intel_ref_ids AS
     SELECT DISTINCT entity_id, a FROM (
       SELECT entity_id, unnest(attack_ids) AS a FROM intel_entity_sources WHERE ${referenceRankSql()} AND ${named})`,
  );
  // Every claim an unvetted row makes that a reference source gives another entity, and not this one.
  await c.run(
    `CREATE OR REPLACE TEMP TABLE intel_dropped_claims AS
     WITH claims AS (
       SELECT source, entity_id, n AS claim, ${nameKeySql('n')} AS k, 'name' AS kind FROM (
         SELECT source, entity_id, unnest(list_concat([name], aliases)) AS n FROM intel_entity_sources
         WHERE NOT ${referenceRankSql()} AND ${named})
     )
     SELECT DISTINCT c.source, c.entity_id, c.claim, c.kind, c.k, r.entity_id AS owner_id FROM claims c
       JOIN intel_ref_names r ON r.k = c.k AND r.entity_id <> c.entity_id
     WHERE length(c.k) >= 3
       AND NOT EXISTS (SELECT 1 FROM intel_ref_names o WHERE o.k = c.k AND o.entity_id = c.entity_id)
     UNION ALL
     SELECT DISTINCT s.source, s.entity_id, s.a, 'attack-id', s.a, r.entity_id FROM (
         SELECT source, entity_id, unnest(attack_ids) AS a FROM intel_entity_sources
         WHERE NOT ${referenceRankSql()} AND ${named}
       ) s JOIN intel_ref_ids r ON r.a = s.a AND r.entity_id <> s.entity_id
     WHERE NOT EXISTS (SELECT 1 FROM intel_ref_ids o WHERE o.a = s.a AND o.entity_id = s.entity_id)`,
  );
}

/** Drops the claim tables. */
export async function dropClaimTables(c: DuckDBConnection): Promise<void> {
  for (const t of ['intel_ref_names', 'intel_ref_ids', 'intel_dropped_claims'])
    await c.run(`DROP TABLE IF EXISTS ${t}`);
}

/** Claims left out of the merged view, for one source (as claimant or owner) or one entity (either side). */
export async function nameConflicts(
  c: DuckDBConnection,
  filter: { source?: string; entityId?: string },
  limit = 200,
): Promise<NameConflict[]> {
  await createClaimTables(c);
  try {
    const r = await c.runAndReadAll(
      `SELECT d.source, d.claim, d.kind, d.entity_id, coalesce(ce.name, d.entity_id) AS claimant,
              d.owner_id, coalesce(oe.name, d.owner_id) AS owner,
              (SELECT list_sort(list_distinct(list(s.source))) FROM intel_entity_sources s
                WHERE s.entity_id = d.owner_id AND ${referenceRankSql('s.rank')}) AS owner_sources
       FROM intel_dropped_claims d
         LEFT JOIN intel_entities ce ON ce.id = d.entity_id LEFT JOIN intel_entities oe ON oe.id = d.owner_id
       WHERE ($source IS NULL OR d.source = $source
              OR d.owner_id IN (SELECT entity_id FROM intel_entity_sources WHERE source = $source))
         AND ($entity IS NULL OR d.entity_id = $entity OR d.owner_id = $entity)
       ORDER BY d.source, d.claim, owner LIMIT $limit`,
      { source: filter.source ?? null, entity: filter.entityId ?? null, limit },
    );
    return r.getRowObjectsJson().map((x) => ({
      source: String(x['source']),
      claim: String(x['claim']),
      kind: String(x['kind']) as NameConflict['kind'],
      claimant: { id: String(x['entity_id']), name: String(x['claimant']) },
      owner: { id: String(x['owner_id']), name: String(x['owner']) },
      ownerSources: Array.isArray(x['owner_sources']) ? x['owner_sources'].map(String) : [],
    }));
  } finally {
    await dropClaimTables(c);
  }
}
