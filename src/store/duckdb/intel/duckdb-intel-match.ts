import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import ipaddr from 'ipaddr.js';
import { log } from '../../../log.js';
import type { IndicatorMatch, MatchOptions } from '../../intel-store.js';
import { appendRows } from './duckdb-intel-append.js';

const valid = (t: string) =>
  `(l.valid_from IS NULL OR ${t}.ts >= l.valid_from) AND (l.valid_until IS NULL OR ${t}.ts <= l.valid_until)`;
const ipv4Num = (col: string) =>
  `CASE WHEN regexp_full_match(${col}, '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}') THEN
     (split_part(${col}, '.', 1)::UHUGEINT << 24) + (split_part(${col}, '.', 2)::UHUGEINT << 16)
     + (split_part(${col}, '.', 3)::UHUGEINT << 8) + split_part(${col}, '.', 4)::UHUGEINT END`;
/** Every parent of a name with at least two labels: a.b.example.com → itself, b.example.com, example.com. */
const suffixes = (col: string) =>
  `unnest(list_transform(range(greatest(len(string_split(${col}, '.')) - 1, 1)),
          n -> array_to_string(string_split(${col}, '.')[n + 1:], '.')))`;

/**
 * Finds telemetry that hits a live indicator. Heavy lifting is hash joins on the raw rows (exact
 * values), with range and suffix matching done once per distinct address or name, then joined back.
 */
export async function matchIndicators(
  c: DuckDBConnection,
  opts: MatchOptions = {},
): Promise<IndicatorMatch[]> {
  const params: Record<string, DuckDBValue> = {
    from: opts.from ?? null,
    to: opts.to ?? null,
    limit: opts.limit ?? 100_000,
  };
  await c.run(`CREATE OR REPLACE TEMP TABLE m_sources AS SELECT unnest($sources::VARCHAR[]) AS s`, {
    sources: JSON.stringify(opts.sources ?? []),
  });
  const filtered = (opts.sources ?? []).length > 0;
  // A view, not a copy: each join below reads only the indicator types it needs.
  await c.run(
    `CREATE OR REPLACE TEMP VIEW m_live AS
     SELECT key, type, value, port, ip_version, ip_lo, ip_hi, valid_from, valid_until FROM intel_indicators
     WHERE NOT revoked AND to_ids AND len(warninglists) = 0
       ${filtered ? 'AND len(list_intersect(sources, (SELECT list(s) FROM m_sources))) > 0' : ''}`,
  );
  const [kinds] = (
    await c.runAndReadAll(
      `SELECT count(*) FILTER (WHERE type = 'cidr')::INTEGER AS cidrs,
              count(*) FILTER (WHERE type = 'domain')::INTEGER AS domains FROM m_live`,
    )
  ).getRowObjectsJson();
  const window = (t: string) =>
    `($from::TIMESTAMP IS NULL OR ${t}.ts >= $from::TIMESTAMP) AND ($to::TIMESTAMP IS NULL OR ${t}.ts <= $to::TIMESTAMP)`;
  await c.run(`CREATE OR REPLACE TEMP TABLE m_cidr_hits (ip VARCHAR, key VARCHAR)`);
  const started = performance.now();
  if (Number(kinds?.['cidrs'] ?? 0) > 0) await findCidrHits(c);
  const cidrMs = performance.now() - started;
  await c.run(
    `CREATE OR REPLACE TEMP VIEW m_ip_hits AS
     SELECT value AS ip, key FROM m_live WHERE type IN ('ipv4', 'ipv6') UNION ALL SELECT ip, key FROM m_cidr_hits`,
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE m_name_hits (name VARCHAR, key VARCHAR)`);
  if (Number(kinds?.['domains'] ?? 0) > 0) await findNameHits(c);
  const namesMs = performance.now() - started - cidrMs;
  const portOk = `(l.port IS NULL OR l.port = t.resp_p)`;
  const hits = `
    SELECT h.key, 'conn.resp_h' AS field, t.resp_h AS observed, t.orig_h, t.resp_h, t.ts, t.uid
      FROM conn t JOIN m_ip_hits h ON h.ip = t.resp_h JOIN m_live l ON l.key = h.key
      WHERE ${valid('t')} AND ${portOk} AND ${window('t')}
    UNION ALL
    SELECT h.key, 'conn.orig_h', t.orig_h, t.orig_h, t.resp_h, t.ts, t.uid
      FROM conn t JOIN m_ip_hits h ON h.ip = t.orig_h JOIN m_live l ON l.key = h.key
      WHERE l.port IS NULL AND ${valid('t')} AND ${window('t')}
    UNION ALL
    SELECT h.key, 'dns.query', lower(t.query), t.orig_h, t.resp_h, t.ts, t.uid
      FROM dns t JOIN m_name_hits h ON h.name = lower(t.query) JOIN m_live l ON l.key = h.key
      WHERE ${valid('t')} AND ${window('t')}
    UNION ALL
    SELECT h.key, 'dns.answers', a.answer, a.orig_h, a.resp_h, a.ts, a.uid
      FROM (SELECT orig_h, resp_h, ts, uid, lower(unnest(answers)) AS answer FROM dns t WHERE ${window('t')}) a
      JOIN (SELECT ip AS v, key FROM m_ip_hits UNION ALL SELECT name, key FROM m_name_hits) h ON h.v = a.answer
      JOIN m_live l ON l.key = h.key WHERE ${valid('a')}
    UNION ALL
    SELECT h.key, 'ssl.server_name', lower(t.server_name), t.orig_h, t.resp_h, t.ts, t.uid
      FROM ssl t JOIN m_name_hits h ON h.name = lower(t.server_name) JOIN m_live l ON l.key = h.key
      WHERE ${valid('t')} AND ${window('t')}
    UNION ALL
    ${['ja3', 'ja3s', 'ja4']
      .map(
        (f) => `SELECT l.key, 'ssl.${f}', l.value, t.orig_h, t.resp_h, t.ts, t.uid
      FROM ssl t JOIN m_live l ON l.value = lower(t.${f}) AND l.type = '${f}'
      WHERE ${valid('t')} AND ${window('t')}`,
      )
      .join('\n    UNION ALL\n    ')}
    UNION ALL
    SELECT l.key, 'ssl.cert_chain_fps', f.fp, f.orig_h, f.resp_h, f.ts, f.uid
      FROM (SELECT orig_h, resp_h, ts, uid, lower(unnest(cert_chain_fps)) AS fp FROM ssl t WHERE ${window('t')}) f
      JOIN m_live l ON l.type = 'x509' AND l.value = f.fp WHERE ${valid('f')}
    UNION ALL
    SELECT l.key, 'x509.fingerprint', lower(t.fingerprint), NULL, NULL, t.ts, t.fuid
      FROM x509 t JOIN m_live l ON l.type = 'x509' AND l.value = lower(t.fingerprint)
      WHERE ${valid('t')} AND ${window('t')}
    UNION ALL
    SELECT h.key, 'http.host', lower(split_part(t.host, ':', 1)), t.orig_h, t.resp_h, t.ts, t.uid
      FROM http t JOIN m_name_hits h ON h.name = lower(split_part(t.host, ':', 1)) JOIN m_live l ON l.key = h.key
      WHERE ${valid('t')} AND ${window('t')}
    UNION ALL
    SELECT l.key, 'http.url', l.value, t.orig_h, t.resp_h, t.ts, t.uid
      FROM http t JOIN m_live l ON l.type = 'url' AND l.value = 'http://' || lower(t.host) || t.uri
      WHERE ${valid('t')} AND ${window('t')}
    UNION ALL
    ${['md5', 'sha1', 'sha256']
      .map(
        (
          f,
        ) => `SELECT l.key, 'files.${f}', l.value, coalesce(t.orig_h, t.rx_hosts[1]), coalesce(t.resp_h, t.tx_hosts[1]), t.ts, t.fuid
      FROM files t JOIN m_live l ON l.value = lower(t.${f}) AND l.type = '${f}'
      WHERE ${valid('t')} AND ${window('t')}`,
      )
      .join('\n    UNION ALL\n    ')}`;
  // Plain rows, not objects: a retro-hunt over a big history can return many groups.
  const grouped = await c.runAndReadAll(
    `SELECT key, field, observed, orig_h, resp_h, count(*)::DOUBLE AS n,
            strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS first, strftime(max(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS last,
            min(uid) AS uid
     FROM (${hits}) GROUP BY ALL ORDER BY n DESC, key, orig_h LIMIT $limit`,
    params,
  );
  const rows = grouped.getRows() as (string | number | null)[][];
  const groupedMs = performance.now() - started - cidrMs - namesMs;
  const info = new Map<
    string,
    { type: string; value: string; sources: string[]; entities: IndicatorMatch['entities'] }
  >();
  if (rows.length > 0) {
    await c.run(`CREATE OR REPLACE TEMP TABLE m_keys AS SELECT unnest($keys::VARCHAR[]) AS key`, {
      keys: JSON.stringify([...new Set(rows.map((r) => String(r[0])))]),
    });
    const meta = await c.runAndReadAll(
      `SELECT i.key, any_value(i.type) AS type, any_value(i.value) AS value, any_value(i.sources) AS sources,
              list(DISTINCT {'id': e.id, 'type': e.type, 'name': e.name}) FILTER (WHERE e.id IS NOT NULL) AS entities
       FROM intel_indicators i JOIN m_keys USING (key)
         LEFT JOIN intel_indicator_links k ON k.key = i.key LEFT JOIN intel_entities e ON e.id = k.entity_id
       GROUP BY i.key`,
    );
    for (const x of meta.getRowObjectsJson()) {
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
    await c.run(`DROP TABLE m_keys`);
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
  for (const v of ['m_ip_hits', 'm_live']) await c.run(`DROP VIEW IF EXISTS ${v}`);
  for (const t of ['m_sources', 'm_cidr_hits', 'm_name_hits']) await c.run(`DROP TABLE IF EXISTS ${t}`);
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

/** Addresses seen in the telemetry that lie inside a live CIDR, found once per distinct address. */
async function findCidrHits(c: DuckDBConnection): Promise<void> {
  await c.run(
    `CREATE OR REPLACE TEMP TABLE m_ips AS
     SELECT DISTINCT ip FROM (SELECT resp_h AS ip FROM conn UNION SELECT orig_h FROM conn
                              UNION SELECT unnest(answers) FROM dns)
     WHERE ip IS NOT NULL`,
  );
  await c.run(
    `CREATE OR REPLACE TEMP TABLE m_ipnum AS
     SELECT ip, 4::TINYINT AS v, n FROM (SELECT ip, ${ipv4Num('ip')} AS n FROM m_ips) WHERE n IS NOT NULL`,
  );
  const v6 = (await c.runAndReadAll(`SELECT ip FROM m_ips WHERE contains(ip, ':')`)).getRowObjectsJson();
  await appendRows(
    c,
    'm_ipnum',
    ['varchar', 'tinyint', 'uhugeint'],
    v6.flatMap((r) => {
      const ip = String(r['ip']);
      if (!ipaddr.IPv6.isValid(ip)) return [];
      const bytes = ipaddr.IPv6.parse(ip).toByteArray();
      return [[ip, 6, bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n)]];
    }),
  );
  await c.run(
    `INSERT INTO m_cidr_hits SELECT n.ip, l.key FROM m_ipnum n
     JOIN (SELECT * FROM m_live WHERE type = 'cidr') l ON l.ip_version = n.v AND n.n BETWEEN l.ip_lo AND l.ip_hi`,
  );
  await c.run(`DROP TABLE m_ips`);
  await c.run(`DROP TABLE m_ipnum`);
}

/**
 * Names seen in DNS, SNI and HTTP Host that are a live domain or under one. Only names whose last
 * two labels end some live domain are expanded into their parents, so the work follows the
 * indicators, not the size of the telemetry.
 */
async function findNameHits(c: DuckDBConnection): Promise<void> {
  await c.run(
    `CREATE OR REPLACE TEMP TABLE m_tails AS
     SELECT DISTINCT regexp_extract(value, '[^.]+\\.[^.]+$') AS tail FROM m_live WHERE type = 'domain'`,
  );
  // Distinct names first (real telemetry repeats them), then the tail test on each once.
  await c.run(
    `CREATE OR REPLACE TEMP TABLE m_names AS
     WITH d AS MATERIALIZED (
       SELECT DISTINCT lower(n) AS name FROM (SELECT DISTINCT query AS n FROM dns
         UNION ALL SELECT DISTINCT server_name FROM ssl UNION ALL SELECT DISTINCT split_part(host, ':', 1) FROM http
         UNION ALL SELECT DISTINCT unnest(answers) FROM dns))
     SELECT name FROM d WHERE regexp_extract(name, '[^.]+\\.[^.]+$') IN (SELECT tail FROM m_tails)`,
  );
  await c.run(
    `INSERT INTO m_name_hits
     SELECT s.name, l.key FROM (SELECT name, ${suffixes('name')} AS suffix FROM m_names) s
     JOIN (SELECT key, value FROM m_live WHERE type = 'domain') l ON l.value = s.suffix`,
  );
  await c.run(`DROP TABLE m_tails`);
  await c.run(`DROP TABLE m_names`);
}
