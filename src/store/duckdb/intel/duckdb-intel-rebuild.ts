import type { DuckDBConnection } from '@duckdb/node-api';
import { createClaimTables, dropClaimTables } from './duckdb-intel-claims.js';
import { nameKeySql } from './duckdb-name-key.js';

const tlpRank = `CASE tlp WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2 WHEN 'amber+strict' THEN 3 WHEN 'red' THEN 4 END`;

/**
 * Rebuilds the merged entity view from every source's contribution. The whole view is rebuilt
 * because it is small (tens of thousands of entities) and a partial update would have to track
 * which aliases moved between entities.
 */
export async function rebuildEntities(c: DuckDBConnection): Promise<void> {
  await createClaimTables(c);
  await c.run(`DELETE FROM intel_aliases`);
  // Names a more trusted source gives another entity stay out (see duckdb-intel-claims.ts).
  await c.run(
    `INSERT INTO intel_aliases
     SELECT ak, arg_min(alias, rank), entity_id FROM (
       SELECT entity_id, rank, unnest(list_concat([name], aliases)) AS alias FROM intel_entity_sources
     ) a, LATERAL (SELECT ${nameKeySql('a.alias')} AS ak)
     WHERE ak <> ''
       AND NOT EXISTS (SELECT 1 FROM intel_dropped_claims d
                       WHERE d.kind = 'name' AND d.entity_id = a.entity_id AND d.k = ak)
     GROUP BY entity_id, ak`,
  );
  await c.run(`DELETE FROM intel_entities`);
  await c.run(
    `INSERT INTO intel_entities
     WITH agg AS (
       SELECT entity_id AS id, arg_min(type, rank) AS type, arg_min(name, rank) AS name,
              list_sort(list_distinct(flatten(list(attack_ids)))) AS all_ids,
              list_distinct(flatten(list(list_concat([ref], other_refs)))) AS refs,
              arg_min(country, rank) FILTER (WHERE country IS NOT NULL AND country <> '') AS country,
              arg_min(description, rank) FILTER (WHERE description IS NOT NULL AND description <> '') AS description,
              arg_min(revoked, rank) AS revoked, arg_min(deprecated, rank) AS deprecated,
              arg_min(url, rank) FILTER (WHERE url IS NOT NULL) AS url,
              arg_min(published, rank) FILTER (WHERE published IS NOT NULL) AS published,
              list_sort(list_distinct(list(source))) AS sources
       FROM intel_entity_sources GROUP BY entity_id
     )
     SELECT agg.id, agg.type, agg.name,
            coalesce((SELECT list(a.alias ORDER BY a.alias) FROM intel_aliases a
                      WHERE a.entity_id = agg.id AND a.alias_key <> ${nameKeySql('agg.name')}), []),
            list_filter(agg.all_ids, a -> NOT list_contains(coalesce(x.ids, []), a)),
            agg.refs, agg.country, agg.description, agg.revoked, agg.deprecated,
            agg.url, agg.published, agg.sources
     FROM agg LEFT JOIN (SELECT entity_id, list(k) AS ids FROM intel_dropped_claims
                         WHERE kind = 'attack-id' GROUP BY entity_id) x ON x.entity_id = agg.id`,
  );
  await dropClaimTables(c);
}

/**
 * Rebuilds the merged indicator rows of the keys in `intel_touched` (those the import removed or
 * added): one row per value, every source kept, the widest validity. Warninglist flags are redone
 * for those keys, or for every indicator when the set of warninglists changed.
 */
export async function rebuildIndicators(c: DuckDBConnection, listsChanged: boolean): Promise<void> {
  await c.run(`DELETE FROM intel_indicators WHERE key IN (SELECT key FROM intel_touched)`);
  await c.run(
    `INSERT INTO intel_indicators
     SELECT key, any_value(type), any_value(value), any_value(port), any_value(ip_version),
            any_value(ip_lo), any_value(ip_hi), min(valid_from),
            CASE WHEN bool_or(valid_until IS NULL) THEN NULL ELSE max(valid_until) END,
            max(confidence), arg_min(tlp, ${tlpRank}) FILTER (WHERE tlp IS NOT NULL),
            min(first_seen), max(last_seen), list_sort(list_distinct(list(source))),
            bool_or(coalesce(to_ids, true)), bool_and(coalesce(revoked, false)), []::VARCHAR[], []::VARCHAR[]
     FROM intel_indicator_sources WHERE key IN (SELECT key FROM intel_touched) GROUP BY key`,
  );
  await flagWarninglisted(c, listsChanged);
}

/**
 * Marks indicators whose value is on a warninglist: addresses inside a listed range, domains
 * (and URL hosts) equal to or under a listed hostname, exact strings, substrings and regexes.
 */
export async function flagWarninglisted(c: DuckDBConnection, all: boolean): Promise<void> {
  const scope = all
    ? 'intel_indicators'
    : '(SELECT * FROM intel_indicators WHERE key IN (SELECT key FROM intel_touched))';
  if (all)
    await c.run(
      `UPDATE intel_indicators SET warninglists = [], context_lists = [] WHERE len(warninglists) + len(context_lists) > 0`,
    );
  const host = `CASE WHEN i.type = 'url' THEN lower(regexp_extract(i.value, '^[a-z]+://([^/:?#]+)', 1)) ELSE i.value END`;
  const lists = (types: string) =>
    `JOIN warninglists l ON l.name = w.list AND l.match_type IN (${types}) AND list_contains(l.scope, i.type)`;
  await c.run(
    `CREATE OR REPLACE TEMP TABLE intel_wl_hits AS
     SELECT i.key, w.list FROM ${scope} i JOIN warninglist_entries w
       ON w.ip_version = i.ip_version AND i.ip_lo >= w.ip_lo AND i.ip_hi <= w.ip_hi
       ${lists("'cidr'")}
     WHERE i.ip_version IS NOT NULL
     UNION
     -- A hostname entry covers the name and its subdomains; a string entry starting with a dot only its subdomains.
     SELECT i.key, w.list FROM (
       SELECT key, type, h, suffix, '.' || suffix AS dotted FROM (
         SELECT key, type, h, unnest(list_transform(range(len(string_split(h, '.'))),
                   n -> array_to_string(string_split(h, '.')[n + 1:], '.'))) AS suffix
         FROM (SELECT i.key, i.type, ${host} AS h FROM ${scope} i WHERE i.type IN ('domain', 'url'))
         WHERE h IS NOT NULL AND h <> '')
     ) i JOIN warninglist_entries w ON w.value = i.suffix
       JOIN warninglists l ON l.name = w.list AND l.match_type = 'hostname' AND list_contains(l.scope, i.type)
     UNION
     SELECT i.key, w.list FROM (
       SELECT key, type, '.' || suffix AS dotted FROM (
         SELECT key, type, h, unnest(list_transform(range(1, len(string_split(h, '.'))),
                   n -> array_to_string(string_split(h, '.')[n + 1:], '.'))) AS suffix
         FROM (SELECT i.key, i.type, ${host} AS h FROM ${scope} i WHERE i.type IN ('domain', 'url'))
         WHERE h IS NOT NULL AND h <> '')
     ) i JOIN warninglist_entries w ON w.value = i.dotted
       JOIN warninglists l ON l.name = w.list AND l.match_type = 'string' AND list_contains(l.scope, i.type)
     UNION
     SELECT i.key, w.list FROM ${scope} i JOIN warninglist_entries w ON w.value = lower(i.value)
       ${lists("'string', 'hostname'")}
     UNION
     SELECT i.key, w.list FROM (SELECT i.key, i.type, ${host} AS h FROM ${scope} i WHERE i.type = 'url') i
       JOIN warninglist_entries w ON w.value = i.h ${lists("'string'")}
     UNION
     SELECT i.key, w.list FROM ${scope} i
       CROSS JOIN (SELECT w.list, w.value, l.scope FROM warninglist_entries w JOIN warninglists l ON l.name = w.list
                   WHERE l.match_type = 'substring') w
     WHERE list_contains(w.scope, i.type) AND contains(lower(i.value), w.value)
     UNION
     SELECT i.key, w.list FROM ${scope} i
       CROSS JOIN (SELECT w.list, w.value, l.scope FROM warninglist_entries w JOIN warninglists l ON l.name = w.list
                   WHERE l.match_type = 'regex') w
     WHERE list_contains(w.scope, i.type) AND regexp_matches(i.value, w.value)`,
  );
  await c.run(
    `UPDATE intel_indicators SET warninglists = h.lists, context_lists = h.context
     FROM (SELECT key, coalesce(list_sort(list_distinct(list(list) FILTER (WHERE l.suppresses))), []) AS lists,
                  coalesce(list_sort(list_distinct(list(list) FILTER (WHERE NOT l.suppresses))), []) AS context
           FROM intel_wl_hits JOIN warninglists l ON l.name = intel_wl_hits.list GROUP BY key) h
     WHERE intel_indicators.key = h.key`,
  );
  await c.run(`DROP TABLE IF EXISTS intel_wl_hits`);
}
