import { addressSpaceWarninglists } from '../../../domain/warninglist-roles.js';
import { log } from '../../../log.js';
import { defaultLiveScope, nonPublicBlocks } from '../../../net/live-scope.js';
import type { AnalyticsSession, SqlParams } from '../../../store/analytics-session.js';
import type { IndicatorMatch, IntelMatchSql, MatchOptions } from '../intel-match-query.js';
import { matchFields } from './duckdb-intel-match-fields.js';

/** Every parent of a name with at least two labels: a.b.example.com → itself, b.example.com, example.com. */
const suffixes = (col: string) =>
  `unnest(list_transform(range(greatest(len(string_split(${col}, '.')) - 1, 1)),
          n -> array_to_string(string_split(${col}, '.')[n + 1:], '.')))`;

/**
 * Indicator matching in DuckDB's SQL. Heavy lifting is hash joins on the raw rows (exact values),
 * with range and suffix matching done once per distinct address or name, then joined back.
 */
export const duckdbIntelMatch: IntelMatchSql = {
  async matchIndicators(s, opts) {
    try {
      return await matchWithTempTables(s, opts);
    } finally {
      for (const v of ['m_ip_hits', 'm_live']) await s.run(`DROP VIEW IF EXISTS ${v}`);
      for (const t of ['m_sources', 'm_cidr_hits', 'm_name_hits', 'm_scope', 'm_nonpublic'])
        await s.run(`DROP TABLE IF EXISTS ${t}`);
    }
  },
};

async function matchWithTempTables(s: AnalyticsSession, opts: MatchOptions): Promise<IndicatorMatch[]> {
  const params: SqlParams = {
    ...s.hooks.windowParams(opts),
    limit: opts.limit ?? 100_000,
  };
  await s.run(`CREATE OR REPLACE TEMP TABLE m_sources AS SELECT unnest($sources::VARCHAR[]) AS s`, {
    sources: JSON.stringify(opts.sources ?? []),
  });
  const filtered = (opts.sources ?? []).length > 0;
  // Private and special-use ranges do not suppress: the monitored networks decide what is inside,
  // and the threat-intel detector drops hits on addresses inside them (see Internal C2).
  const addressSpace = [...addressSpaceWarninglists].map((l) => `'${l}'`).join(', ');
  await liveScopeTables(s);
  // A view, not a copy: each join below reads only the indicator types it needs.
  await s.run(
    `CREATE OR REPLACE TEMP VIEW m_live AS
     SELECT key, type, value, port, ip_version, ip_lo, ip_hi, valid_from, valid_until FROM intel_indicators i
     WHERE NOT revoked AND to_ids AND len(list_filter(warninglists, w -> w NOT IN (${addressSpace}))) = 0
       ${filtered ? 'AND len(list_intersect(sources, (SELECT list(s) FROM m_sources))) > 0' : ''}
       AND (ip_version IS NULL OR (${inScopeSql}))`,
  );
  const [kinds] = await s.objects(
    `SELECT count(*) FILTER (WHERE type = 'cidr')::INTEGER AS cidrs,
              count(*) FILTER (WHERE type = 'domain')::INTEGER AS domains FROM m_live`,
  );
  const window = (t: string) => s.hooks.window(`${t}.ts`);
  // Hit tables carry the indicator's port and validity, so the joins below need not go back to it.
  await s.run(
    `CREATE OR REPLACE TEMP TABLE m_cidr_hits (ip VARCHAR, key VARCHAR, port INTEGER, valid_from TIMESTAMP, valid_until TIMESTAMP)`,
  );
  const started = performance.now();
  if (Number(kinds?.['cidrs'] ?? 0) > 0) await findCidrHits(s);
  const cidrMs = performance.now() - started;
  await s.run(
    `CREATE OR REPLACE TEMP VIEW m_ip_hits AS
     SELECT value AS ip, key, port, valid_from, valid_until FROM m_live WHERE type IN ('ipv4', 'ipv6')
     UNION ALL SELECT * FROM m_cidr_hits`,
  );
  await s.run(
    `CREATE OR REPLACE TEMP TABLE m_name_hits (name VARCHAR, key VARCHAR, port INTEGER, valid_from TIMESTAMP, valid_until TIMESTAMP)`,
  );
  if (Number(kinds?.['domains'] ?? 0) > 0) await findNameHits(s);
  const namesMs = performance.now() - started - cidrMs;
  // Only the fields some live indicator type can hit are scanned.
  const present = new Set((await s.rows(`SELECT DISTINCT type FROM m_live`)).map((r) => String(r[0])));
  const hits = matchFields(window)
    .filter((f) => f.types.some((t) => present.has(t)))
    .map((f) => f.sql)
    .join('\n    UNION ALL\n    ');
  if (hits === '') return [];
  // Plain rows, not objects: a retro-hunt over a big history can return many groups.
  // One JSON text for all groups: converting DuckDB values one by one costs more than the query.
  const grouped = await s.rows(
    `SELECT coalesce(to_json(list([key, field, observed, orig_h, resp_h, n::VARCHAR, first, last, uid]
                                  ORDER BY n DESC, key, orig_h))::VARCHAR, '[]') AS rows
     FROM (SELECT key, field, observed, orig_h, resp_h, count(*) AS n,
                  strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS first, strftime(max(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS last,
                  min(uid) AS uid
           -- Named here: the union takes its column names from its first part, which varies.
           FROM (${hits}) AS h(key, field, observed, orig_h, resp_h, ts, uid) GROUP BY ALL ORDER BY n DESC, key, orig_h LIMIT $limit)`,
    params,
  );
  const rows = JSON.parse(String(grouped[0]?.[0] ?? '[]')) as (string | null)[][];
  const groupedMs = performance.now() - started - cidrMs - namesMs;
  const info = new Map<
    string,
    { type: string; value: string; sources: string[]; entities: IndicatorMatch['entities'] }
  >();
  if (rows.length > 0) {
    await s.run(`CREATE OR REPLACE TEMP TABLE m_keys AS SELECT unnest($keys::VARCHAR[]) AS key`, {
      keys: JSON.stringify([...new Set(rows.map((r) => String(r[0])))]),
    });
    const meta = await s.objects(
      `SELECT i.key, any_value(i.type) AS type, any_value(i.value) AS value, any_value(i.sources) AS sources,
              list(DISTINCT {'id': e.id, 'type': e.type, 'name': e.name}) FILTER (WHERE e.id IS NOT NULL) AS entities
       FROM intel_indicators i JOIN m_keys USING (key)
         LEFT JOIN intel_indicator_links k ON k.key = i.key LEFT JOIN intel_entities e ON e.id = k.entity_id
       GROUP BY i.key`,
    );
    for (const x of meta) {
      info.set(String(x['key']), {
        type: String(x['type']),
        value: String(x['value']),
        sources: Array.isArray(x['sources']) ? x['sources'].map(String) : [],
        entities: ((x['entities'] as Record<string, unknown>[] | null) ?? []).map((e) => ({
          id: String(e['id']),
          type: String(e['type']),
          name: String(e['name']),
        })),
      });
    }
    await s.run(`DROP TABLE m_keys`);
  }
  log.debug(
    {
      cidrMs: Math.round(cidrMs),
      namesMs: Math.round(namesMs),
      joinMs: Math.round(groupedMs),
      metaMs: Math.round(performance.now() - started - cidrMs - namesMs - groupedMs),
    },
    'indicator matching',
  );
  for (const v of ['m_ip_hits', 'm_live']) await s.run(`DROP VIEW IF EXISTS ${v}`);
  for (const t of ['m_sources', 'm_cidr_hits', 'm_name_hits']) await s.run(`DROP TABLE IF EXISTS ${t}`);
  return rows.map((r) => {
    const key = String(r[0]);
    const i = info.get(key);
    return {
      indicatorKey: key,
      indicatorType: i?.type ?? '',
      indicatorValue: i?.value ?? '',
      field: String(r[1]),
      observed: String(r[2]),
      origH: r[3] === null ? null : String(r[3]),
      respH: r[4] === null ? null : String(r[4]),
      count: Number(r[5]),
      first: String(r[6]),
      last: String(r[7]),
      sampleUid: r[8] === null ? null : String(r[8]),
      entities: i?.entities ?? [],
      sources: i?.sources ?? [],
    };
  });
}

/** Addresses seen in the telemetry (the `seen_ips` dictionary) that lie inside a live CIDR. */
async function findCidrHits(s: AnalyticsSession): Promise<void> {
  await s.run(
    `INSERT INTO m_cidr_hits SELECT s.ip, l.key, l.port, l.valid_from, l.valid_until FROM seen_ips s
     JOIN (SELECT * FROM m_live WHERE type = 'cidr') l ON l.ip_version = s.v AND s.n BETWEEN l.ip_lo AND l.ip_hi`,
  );
}

/**
 * Names seen in DNS, SNI and HTTP Host (the `seen_names` dictionary) that are a live domain or under
 * one. Only names whose last two labels end some live domain are expanded into their parents.
 */
async function findNameHits(s: AnalyticsSession): Promise<void> {
  await s.run(
    `CREATE OR REPLACE TEMP TABLE m_tails AS
     SELECT DISTINCT regexp_extract(value, '[^.]+\\.[^.]+$') AS tail FROM m_live WHERE type = 'domain'`,
  );
  await s.run(
    `CREATE OR REPLACE TEMP TABLE m_names AS SELECT name FROM seen_names WHERE tail IN (SELECT tail FROM m_tails)`,
  );
  await s.run(
    `INSERT INTO m_name_hits
     SELECT s.name, l.key, l.port, l.valid_from, l.valid_until FROM (SELECT name, ${suffixes('name')} AS suffix FROM m_names) s
     JOIN (SELECT * FROM m_live WHERE type = 'domain') l ON l.value = s.suffix`,
  );
  await s.run(`DROP TABLE m_tails`);
  await s.run(`DROP TABLE m_names`);
}

/**
 * Address indicators stay live only inside the limits their import applied (imports refuse the rest,
 * but a store imported before that rule, or by an older build, may still hold them): never overlapping
 * non-public space, and no broader than the prefix limit of at least one source that listed them.
 */
const inScopeSql = `NOT EXISTS (SELECT 1 FROM m_nonpublic n
                     WHERE n.v = i.ip_version AND i.ip_lo <= n.hi AND i.ip_hi >= n.lo)
  AND EXISTS (SELECT 1 FROM m_scope p WHERE list_contains(i.sources, p.source)
                AND (i.ip_hi - i.ip_lo)::DOUBLE + 1 <= pow(2, CASE i.ip_version WHEN 4 THEN 32 - p.v4 ELSE 128 - p.v6 END))`;

async function liveScopeTables(s: AnalyticsSession): Promise<void> {
  await s.run(`CREATE OR REPLACE TEMP TABLE m_nonpublic (v TINYINT, lo UHUGEINT, hi UHUGEINT)`);
  for (const b of nonPublicBlocks)
    await s.run(`INSERT INTO m_nonpublic VALUES ($v, $lo::UHUGEINT, $hi::UHUGEINT)`, {
      v: b.v,
      lo: b.lo.toString(),
      hi: b.hi.toString(),
    });
  // Sources imported before limits were recorded get the defaults.
  await s.run(
    `CREATE OR REPLACE TEMP TABLE m_scope AS
     SELECT source,
            coalesce(try_cast(json_extract(counts, '$.liveScope.minPrefixV4') AS INTEGER), $v4) AS v4,
            coalesce(try_cast(json_extract(counts, '$.liveScope.minPrefixV6') AS INTEGER), $v6) AS v6
     FROM intel_sources`,
    { v4: defaultLiveScope.minPrefixV4, v6: defaultLiveScope.minPrefixV6 },
  );
}
