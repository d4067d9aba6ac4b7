import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { referenceRankSql } from '../../../domain/source-ranks.js';
import type {
  EntityDetail,
  EntitySummary,
  IndexedEntity,
  IndicatorHit,
  IndicatorQuery,
  IntelStats,
  LinkedEntity,
} from '../../intel-store.js';
import { nameKeySql } from './duckdb-name-key.js';

type Row = Record<string, unknown>;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

async function rows(
  c: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> = {},
): Promise<Row[]> {
  return (await c.runAndReadAll(sql, params)).getRowObjectsJson() as Row[];
}

/** Every entity's names and refs, for the merge step. */
export async function loadIndex(c: DuckDBConnection): Promise<IndexedEntity[]> {
  const r = await rows(
    c,
    `SELECT id, type, name, aliases, attack_ids, refs,
            id IN (SELECT entity_id FROM intel_entity_sources WHERE ${referenceRankSql()}) AS reference
     FROM intel_entities`,
  );
  return r.map((x) => ({
    id: String(x['id']),
    type: String(x['type']),
    name: String(x['name']),
    aliases: strs(x['aliases']),
    attackIds: strs(x['attack_ids']),
    refs: strs(x['refs']),
    reference: x['reference'] === true,
  }));
}

/** Entities by exact name, alias or ATT&CK id; partial name matches only when nothing matches exactly. */
export async function findEntities(
  c: DuckDBConnection,
  query: string,
  limit: number,
): Promise<EntitySummary[]> {
  const exact = await rows(
    c,
    `SELECT e.id, e.type, e.name, e.attack_ids, e.aliases,
            CASE WHEN list_contains(e.attack_ids, upper(trim($q))) THEN 'attack-id'
                 WHEN ${nameKeySql('e.name')} = ${nameKeySql('$q')} THEN 'name' ELSE 'alias' END AS how
     FROM intel_entities e
     WHERE list_contains(e.attack_ids, upper(trim($q)))
        OR e.id IN (SELECT entity_id FROM intel_aliases WHERE alias_key = ${nameKeySql('$q')})
        OR e.id = $q
     ORDER BY CASE e.type WHEN 'intrusion-set' THEN 0 WHEN 'threat-actor' THEN 1 WHEN 'malware' THEN 2
                          WHEN 'tool' THEN 3 ELSE 4 END, len(e.sources) DESC, e.name
     LIMIT $limit`,
    { q: query, limit },
  );
  const found =
    exact.length > 0
      ? exact
      : await rows(
          c,
          `SELECT DISTINCT e.id, e.type, e.name, e.attack_ids, e.aliases, 'partial' AS how, len(e.sources) AS ns
           FROM intel_entities e JOIN intel_aliases a ON a.entity_id = e.id
           WHERE length(${nameKeySql('$q')}) >= 3 AND contains(a.alias_key, ${nameKeySql('$q')})
           ORDER BY ns DESC, e.name LIMIT $limit`,
          { q: query, limit },
        );
  return found.map((x) => ({
    id: String(x['id']),
    type: String(x['type']),
    name: String(x['name']),
    attackIds: strs(x['attack_ids']),
    aliases: strs(x['aliases']),
    matchedBy: String(x['how']),
  }));
}

function linked(x: Row): LinkedEntity {
  return {
    id: String(x['id']),
    type: String(x['type']),
    name: String(x['name']),
    attackIds: strs(x['attack_ids']),
    relationship: String(x['rel']),
    sources: strs(x['sources']),
  };
}

/** Everything known about one entity. */
export async function entityDetail(c: DuckDBConnection, id: string): Promise<EntityDetail | null> {
  const [e] = await rows(c, `SELECT * FROM intel_entities WHERE id = $id`, { id });
  if (!e) return null;
  const out = await rows(
    c,
    `SELECT t.id, t.type, t.name, t.attack_ids, r.type AS rel, list_sort(list_distinct(list(r.source))) AS sources
     FROM intel_relationships r JOIN intel_entities t ON t.id = r.target_id
     WHERE r.source_id = $id AND r.type <> 'mentions' GROUP BY ALL ORDER BY rel, t.type, t.name`,
    { id },
  );
  const inc = await rows(
    c,
    `SELECT t.id, t.type, t.name, t.attack_ids, r.type AS rel, list_sort(list_distinct(list(r.source))) AS sources
     FROM intel_relationships r JOIN intel_entities t ON t.id = r.source_id
     WHERE r.target_id = $id AND r.type <> 'mentions' GROUP BY ALL ORDER BY rel, t.type, t.name`,
    { id },
  );
  const ind = await rows(
    c,
    `SELECT l.source, i.type, count(DISTINCT i.key)::BIGINT AS n
     FROM intel_indicator_links l JOIN intel_indicators i ON i.key = l.key
     WHERE l.entity_id = $id GROUP BY ALL ORDER BY l.source, i.type`,
    { id },
  );
  const reports = await rows(
    c,
    `SELECT DISTINCT t.id, t.name, t.url, t.published FROM intel_relationships r
     JOIN intel_entities t ON t.id = r.source_id
     WHERE r.target_id = $id AND r.type = 'mentions' AND t.type = 'report' ORDER BY t.published DESC NULLS LAST, t.name`,
    { id },
  );
  const attrs = await rows(
    c,
    `SELECT source, attrs FROM intel_entity_sources WHERE entity_id = $id AND attrs IS NOT NULL ORDER BY rank, source`,
    { id },
  );
  const merged: Record<string, unknown> = Object.create(null);
  for (const a of attrs) {
    try {
      const parsed = JSON.parse(String(a['attrs'])) as Record<string, unknown>;
      for (const [k, v] of Object.entries(parsed)) if (!(k in merged)) merged[k] = v;
    } catch {
      // attrs are written by us as JSON; a damaged row only loses its extras
    }
  }
  return {
    id: String(e['id']),
    type: String(e['type']),
    name: String(e['name']),
    aliases: strs(e['aliases']),
    attackIds: strs(e['attack_ids']),
    country: strOrNull(e['country']),
    description: strOrNull(e['description']),
    revoked: e['revoked'] === true,
    deprecated: e['deprecated'] === true,
    sources: strs(e['sources']),
    attrs: merged,
    outgoing: out.map(linked),
    incoming: inc.map(linked),
    indicatorsBySource: ind.map((x) => ({
      source: String(x['source']),
      type: String(x['type']),
      count: Number(x['n']),
    })),
    reports: reports.map((x) => ({
      id: String(x['id']),
      name: String(x['name']),
      url: strOrNull(x['url']),
      published: strOrNull(x['published']),
    })),
  };
}

/** Indicators equal to the value, listed parent domains of it, and ranges holding it. */
export async function searchIndicators(c: DuckDBConnection, q: IndicatorQuery): Promise<IndicatorHit[]> {
  const labels = q.type === 'domain' ? q.value.split('.') : [];
  const parents = labels.slice(1, -1).map((_, i) => labels.slice(i + 1).join('.'));
  const hits = await rows(
    c,
    `SELECT i.*, CASE WHEN i.value = $v THEN 'exact' WHEN i.type = 'domain' THEN 'parent-domain' ELSE 'cidr' END AS how,
            strftime(i.valid_from, '%Y-%m-%dT%H:%M:%SZ') AS vf, strftime(i.valid_until, '%Y-%m-%dT%H:%M:%SZ') AS vu,
            strftime(i.first_seen, '%Y-%m-%dT%H:%M:%SZ') AS fs, strftime(i.last_seen, '%Y-%m-%dT%H:%M:%SZ') AS ls
     FROM intel_indicators i
     WHERE i.value = $v
        OR (i.type = 'domain' AND list_contains($parents::VARCHAR[], i.value))
        OR ($ipv IS NOT NULL AND i.ip_version = $ipv AND i.ip_lo <= $lo::UHUGEINT AND i.ip_hi >= $hi::UHUGEINT)
     ORDER BY how, i.key LIMIT 100`,
    {
      v: q.value,
      parents: JSON.stringify(parents),
      ipv: q.ipVersion,
      lo: q.ipLo === null ? null : q.ipLo.toString(),
      hi: q.ipHi === null ? null : q.ipHi.toString(),
    },
  );
  const out: IndicatorHit[] = [];
  for (const h of hits) {
    const key = String(h['key']);
    const src = await rows(
      c,
      `SELECT source, ref, description FROM intel_indicator_sources WHERE key = $k ORDER BY source, ref`,
      { k: key },
    );
    const ents = await rows(
      c,
      `SELECT DISTINCT e.id, e.type, e.name, l.source FROM intel_indicator_links l
       JOIN intel_entities e ON e.id = l.entity_id WHERE l.key = $k ORDER BY e.name, l.source`,
      { k: key },
    );
    out.push({
      key,
      type: String(h['type']),
      value: String(h['value']),
      port: h['port'] === null ? null : Number(h['port']),
      match: String(h['how']),
      confidence: h['confidence'] === null ? null : Number(h['confidence']),
      tlp: strOrNull(h['tlp']),
      validFrom: strOrNull(h['vf']),
      validUntil: strOrNull(h['vu']),
      firstSeen: strOrNull(h['fs']),
      lastSeen: strOrNull(h['ls']),
      warninglists: strs(h['warninglists']),
      contextLists: strs(h['context_lists']),
      sources: src.map((s) => ({
        source: String(s['source']),
        ref: String(s['ref']),
        description: strOrNull(s['description']),
      })),
      entities: ents.map((e) => ({
        id: String(e['id']),
        type: String(e['type']),
        name: String(e['name']),
        source: String(e['source']),
      })),
    });
  }
  return out;
}

/** Counts for `mamori intel stats`. */
export async function intelStats(c: DuckDBConnection): Promise<IntelStats> {
  const ent = await rows(
    c,
    `SELECT type, count(*)::BIGINT AS n FROM intel_entities GROUP BY type ORDER BY n DESC, type`,
  );
  const rel = await rows(
    c,
    `SELECT type, count(*)::BIGINT AS n FROM intel_relationships GROUP BY type ORDER BY n DESC, type`,
  );
  const ind = await rows(
    c,
    `SELECT type, count(*)::BIGINT AS n, count(*) FILTER (WHERE len(warninglists) > 0)::BIGINT AS wl
     FROM intel_indicators GROUP BY type ORDER BY n DESC, type`,
  );
  const src = await rows(
    c,
    `SELECT s.source, s.kind, strftime(s.imported_at, '%Y-%m-%dT%H:%M:%SZ') AS at,
            (SELECT count(DISTINCT key) FROM intel_indicator_sources i WHERE i.source = s.source)::BIGINT AS ni,
            (SELECT count(DISTINCT entity_id) FROM intel_entity_sources e WHERE e.source = s.source)::BIGINT AS ne
     FROM intel_sources s ORDER BY s.source`,
  );
  const obs = await rows(c, `SELECT count(*)::BIGINT AS n FROM intel_observables`);
  const sig = await rows(c, `SELECT count(*)::BIGINT AS n FROM intel_sightings`);
  const wl = await rows(c, `SELECT name, entries FROM warninglists ORDER BY name`);
  return {
    entities: ent.map((x) => ({ type: String(x['type']), count: Number(x['n']) })),
    relationships: rel.map((x) => ({ type: String(x['type']), count: Number(x['n']) })),
    indicators: ind.map((x) => ({
      type: String(x['type']),
      count: Number(x['n']),
      warninglisted: Number(x['wl']),
    })),
    sources: src.map((x) => ({
      source: String(x['source']),
      kind: String(x['kind']),
      importedAt: String(x['at']),
      indicators: Number(x['ni']),
      entities: Number(x['ne']),
    })),
    observables: Number(obs[0]?.['n'] ?? 0),
    sightings: Number(sig[0]?.['n'] ?? 0),
    warninglists: wl.map((x) => ({ name: String(x['name']), entries: Number(x['entries']) })),
  };
}

/** Refs that pending relationships wait for, so an import can say which of them it defines. */
export async function pendingRefs(c: DuckDBConnection): Promise<string[]> {
  const r = await rows(
    c,
    `SELECT DISTINCT ref FROM (SELECT source_ref AS ref FROM intel_pending_rel UNION SELECT target_ref FROM intel_pending_rel)`,
  );
  return r.map((x) => String(x['ref']));
}
