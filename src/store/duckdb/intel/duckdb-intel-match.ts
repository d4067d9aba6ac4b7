import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import ipaddr from 'ipaddr.js';
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
  await c.run(
    `CREATE OR REPLACE TEMP TABLE m_live AS
     SELECT key, type, value, port, ip_version, ip_lo, ip_hi, valid_from, valid_until FROM intel_indicators
     WHERE NOT revoked AND to_ids AND len(warninglists) = 0
       AND (len($sources::VARCHAR[]) = 0 OR len(list_intersect(sources, $sources::VARCHAR[])) > 0)`,
    { sources: JSON.stringify(opts.sources ?? []) },
  );
  const window = (t: string) =>
    `($from::TIMESTAMP IS NULL OR ${t}.ts >= $from::TIMESTAMP) AND ($to::TIMESTAMP IS NULL OR ${t}.ts <= $to::TIMESTAMP)`;
  // Addresses inside live CIDRs, found once per distinct address seen.
  await c.run(
    `CREATE OR REPLACE TEMP TABLE m_ips AS
     SELECT DISTINCT ip FROM (SELECT resp_h AS ip FROM conn UNION SELECT orig_h FROM conn
                              UNION SELECT unnest(answers) FROM dns)
     WHERE ip IS NOT NULL`,
  );
  await c.run(`CREATE OR REPLACE TEMP TABLE m_ipnum (ip VARCHAR, v TINYINT, n UHUGEINT)`);
  await c.run(
    `INSERT INTO m_ipnum SELECT ip, 4, ${ipv4Num('ip')} FROM m_ips WHERE ${ipv4Num('ip')} IS NOT NULL`,
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
    `CREATE OR REPLACE TEMP TABLE m_ip_hits AS
     SELECT n.ip, l.key FROM m_ipnum n JOIN m_live l
       ON l.type = 'cidr' AND l.ip_version = n.v AND n.n BETWEEN l.ip_lo AND l.ip_hi
     UNION ALL
     SELECT l.value, l.key FROM m_live l WHERE l.type IN ('ipv4', 'ipv6')`,
  );
  // Names, and every parent of them, that are live domains.
  await c.run(
    `CREATE OR REPLACE TEMP TABLE m_names AS
     SELECT DISTINCT name FROM (SELECT lower(query) AS name FROM dns UNION SELECT lower(server_name) FROM ssl
       UNION SELECT lower(split_part(host, ':', 1)) FROM http UNION SELECT lower(unnest(answers)) FROM dns)
     WHERE name IS NOT NULL AND contains(name, '.')`,
  );
  await c.run(
    `CREATE OR REPLACE TEMP TABLE m_name_hits AS
     SELECT s.name, l.key FROM (SELECT name, ${suffixes('name')} AS suffix FROM m_names) s
     JOIN m_live l ON l.type = 'domain' AND l.value = s.suffix`,
  );
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
    SELECT l.key, 'ssl.' || l.type, l.value, t.orig_h, t.resp_h, t.ts, t.uid
      FROM ssl t JOIN m_live l ON (l.type = 'ja3' AND l.value = lower(t.ja3)) OR (l.type = 'ja3s' AND l.value = lower(t.ja3s))
        OR (l.type = 'ja4' AND l.value = lower(t.ja4))
      WHERE ${valid('t')} AND ${window('t')}
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
    SELECT l.key, 'files.' || l.type, l.value, coalesce(t.orig_h, t.rx_hosts[1]), coalesce(t.resp_h, t.tx_hosts[1]), t.ts, t.fuid
      FROM files t JOIN m_live l ON (l.type = 'md5' AND l.value = lower(t.md5)) OR (l.type = 'sha1' AND l.value = lower(t.sha1))
        OR (l.type = 'sha256' AND l.value = lower(t.sha256))
      WHERE ${valid('t')} AND ${window('t')}`;
  const r = await c.runAndReadAll(
    `WITH hits AS (${hits}),
     grouped AS (
       SELECT key, field, observed, orig_h, resp_h, count(*)::BIGINT AS n,
              strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS first, strftime(max(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS last,
              min(uid) AS uid
       FROM hits GROUP BY ALL
     )
     SELECT g.*, i.type, i.value, i.sources,
            (SELECT list(DISTINCT {'id': e.id, 'type': e.type, 'name': e.name}) FROM intel_indicator_links k
               JOIN intel_entities e ON e.id = k.entity_id WHERE k.key = g.key) AS entities
     FROM grouped g JOIN intel_indicators i ON i.key = g.key
     ORDER BY g.n DESC, g.key, g.orig_h LIMIT $limit`,
    params,
  );
  for (const t of ['m_live', 'm_ips', 'm_ipnum', 'm_ip_hits', 'm_names', 'm_name_hits'])
    await c.run(`DROP TABLE IF EXISTS ${t}`);
  return r.getRowObjectsJson().map((x) => ({
    indicatorKey: String(x['key']),
    indicatorType: String(x['type']),
    indicatorValue: String(x['value']),
    field: String(x['field']),
    observed: String(x['observed']),
    origH: x['orig_h'] === null ? null : String(x['orig_h']),
    respH: x['resp_h'] === null ? null : String(x['resp_h']),
    count: Number(x['n']),
    first: String(x['first']),
    last: String(x['last']),
    sampleUid: x['uid'] === null ? null : String(x['uid']),
    entities: ((x['entities'] as Record<string, unknown>[] | null) ?? []).map((e) => ({
      id: String(e['id']),
      type: String(e['type']),
      name: String(e['name']),
    })),
    sources: Array.isArray(x['sources']) ? x['sources'].map(String) : [],
  }));
}
