import type { DuckDBConnection } from '@duckdb/node-api';
import type { ActorProfiles, CampaignProfile, SoftwareProfile } from '../../intel-store.js';

type Row = Record<string, unknown>;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

async function rows(c: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}

// Actors the knowledge base still stands behind; revoked and deprecated entries only add noise.
const liveActors = `SELECT id FROM intel_entities WHERE type IN ('intrusion-set', 'threat-actor')
  AND NOT coalesce(revoked, false) AND NOT coalesce(deprecated, false)`;

// Who is behind what: an actor itself, and campaigns attributed to it (they act for it).
const actingFor = `
  SELECT id AS via, id AS actor FROM (${liveActors})
  UNION SELECT r.source_id, r.target_id FROM intel_relationships r
    JOIN intel_entities c ON c.id = r.source_id
    WHERE r.type = 'attributed-to' AND c.type = 'campaign' AND r.target_id IN (${liveActors})`;

// A galaxy attribute holding a list of names; anything else (a string, a number) reads as empty.
const attrList = (key: string) =>
  `list_distinct(flatten(list(CASE WHEN json_type(attrs, '$."${key}"') = 'ARRAY'
     THEN json_extract_string(attrs, '$."${key}"[*]') ELSE []::VARCHAR[] END)))`;

/**
 * The knowledge base in bulk for attribution: each actor with its techniques, software and
 * targeting, each software with its users, each campaign with its actors. Four queries, grouped in
 * SQL, whatever the size of the knowledge base.
 */
export async function actorProfiles(c: DuckDBConnection): Promise<ActorProfiles> {
  const actors = await rows(
    c,
    `WITH acting AS (${actingFor}),
     uses AS (
       SELECT a.actor, t.id AS target, t.type, t.attack_ids FROM intel_relationships r
       JOIN acting a ON a.via = r.source_id JOIN intel_entities t ON t.id = r.target_id
       WHERE r.type = 'uses' AND t.type IN ('attack-pattern', 'malware', 'tool')),
     techniques AS (
       SELECT actor, list_sort(list_distinct(flatten(list(attack_ids)))) AS ids FROM uses
       WHERE type = 'attack-pattern' GROUP BY actor),
     software AS (
       SELECT actor, list_sort(list_distinct(list(target))) AS ids FROM uses
       WHERE type <> 'attack-pattern' GROUP BY actor),
     targeting AS (
       SELECT entity_id, ${attrList('cfr-target-category')} AS sectors,
              ${attrList('cfr-suspected-victims')} AS countries
       FROM intel_entity_sources WHERE attrs IS NOT NULL GROUP BY entity_id)
     SELECT e.id, e.name, e.aliases, e.attack_ids, e.country, t.ids AS techniques, s.ids AS software,
            g.sectors, g.countries
     FROM intel_entities e LEFT JOIN techniques t ON t.actor = e.id LEFT JOIN software s ON s.actor = e.id
     LEFT JOIN targeting g ON g.entity_id = e.id
     WHERE e.id IN (${liveActors}) ORDER BY e.id`,
  );
  const software = await rows(
    c,
    `WITH acting AS (${actingFor})
     SELECT t.id, t.type, t.name, t.attack_ids, list_sort(list_distinct(list(a.actor))) AS users
     FROM intel_entities t
     LEFT JOIN intel_relationships r ON r.target_id = t.id AND r.type = 'uses'
     LEFT JOIN acting a ON a.via = r.source_id
     WHERE t.type IN ('malware', 'tool') GROUP BY ALL ORDER BY t.id`,
  );
  const campaigns = await rows(
    c,
    `SELECT c.id, c.name, list_sort(list_distinct(list(r.target_id))) AS actors
     FROM intel_entities c JOIN intel_relationships r ON r.source_id = c.id AND r.type = 'attributed-to'
     WHERE c.type = 'campaign' AND r.target_id IN (${liveActors}) GROUP BY ALL ORDER BY c.id`,
  );
  return {
    actors: actors.map((x) => ({
      id: String(x['id']),
      name: String(x['name']),
      aliases: strs(x['aliases']),
      attackId: strs(x['attack_ids']).find((a) => /^G\d+$/.test(a)) ?? null,
      country: strOrNull(x['country']),
      techniques: strs(x['techniques']).filter((t) => /^T\d{4}(\.\d{3})?$/.test(t)),
      software: strs(x['software']),
      targetSectors: strs(x['sectors']),
      targetCountries: strs(x['countries']),
    })),
    software: software.map(
      (x): SoftwareProfile => ({
        id: String(x['id']),
        type: String(x['type']),
        name: String(x['name']),
        attackId: strs(x['attack_ids']).find((a) => /^S\d+$/.test(a)) ?? null,
        // A LEFT JOIN with no user yields one null, which list() drops or keeps depending on version.
        users: strs(x['users']).filter((u) => u !== 'null'),
      }),
    ),
    campaigns: campaigns.map(
      (x): CampaignProfile => ({ id: String(x['id']), name: String(x['name']), actors: strs(x['actors']) }),
    ),
  };
}
