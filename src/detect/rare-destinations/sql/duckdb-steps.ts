import type { DialectHooks } from '../../../store/sql/dialect-hooks.js';
import { countSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';
import { answered, hostName, isName, live, routable } from '../../shared/sql/duckdb-destinations-sql.js';

// Registrable domain: two labels, or three under a ccTLD's second level (co.uk) or a shared suffix,
// or four under a three-label shared suffix (s3.amazonaws.com).
const registrable = `CASE WHEN s3.suffix IS NOT NULL AND l4 <> '' THEN l4
  WHEN (s2.suffix IS NOT NULL OR regexp_full_match(l2, '(co|com|net|org|gov|edu|ac|or|ne|go|gob|mil|nic|ltd|plc|sch)\\.[a-z]{2}')) AND l3 <> '' THEN l3
  WHEN l2 <> '' THEN l2 ELSE name END`;

/**
 * Name contacts of internal hosts: TLS SNI, HTTP Host and answered DNS lookups, as (host, name, ts,
 * k, resp_h, resp_p, ext, outside). `ext` says the name is an outside server's: a request through a
 * proxy (CONNECT, absolute URI) names one though it goes to an inside address (`outside` false).
 * A resolver's own lookups are its clients', counted from them.
 * `narrow` joins each source (as `c`) to the rows wanted, on the raw column holding the name.
 */
function nameRowsSql(h: DialectHooks, narrow: (raw: string) => string = () => ''): string {
  return `
    SELECT c.orig_h AS host, ${hostName('c.server_name')} AS name, c.ts, 's' AS k, c.resp_h, c.resp_p,
           NOT r.internal AS ext, NOT r.internal AS outside
    FROM ssl c JOIN dest_class o ON o.ip = c.orig_h AND o.internal JOIN dest_class r ON r.ip = c.resp_h
      ${narrow('c.server_name')}
    WHERE ${live(h, 'c')} AND ${isName('c.server_name')}
    UNION ALL
    SELECT c.orig_h, ${hostName('c.host')}, c.ts, 'h', c.resp_h, c.resp_p,
           NOT r.internal OR c.method = 'CONNECT' OR c.uri ILIKE 'http://%', NOT r.internal
    FROM http c JOIN dest_class o ON o.ip = c.orig_h AND o.internal JOIN dest_class r ON r.ip = c.resp_h
      ${narrow('c.host')}
    WHERE ${live(h, 'c')} AND ${isName('c.host')}
    UNION ALL
    SELECT c.orig_h, ${hostName('c.query')}, c.ts, 'd', NULL, NULL, false, false
    FROM dns c JOIN dest_class o ON o.ip = c.orig_h AND o.internal ${narrow('c.query')}
    WHERE ${h.window('c.ts')} AND len(c.answers) > 0 AND ${isName('c.query')}
      AND c.orig_h NOT IN (SELECT ip FROM dest_resolvers)`;
}

const hmask = `bit_or(1::UBIGINT << hour(c.ts)::INT) AS hmask`;

/**
 * The clock hours each internal host used each name in, grouped on the raw column first so the
 * string work runs once per distinct value, not per row.
 */
const nameHoursSql = (h: DialectHooks) => `
  SELECT c.orig_h AS host, c.v, ${hostName('c.v')} AS name, c.hmask FROM (
    SELECT orig_h, server_name AS v, ${hmask} FROM ssl c WHERE ${live(h, 'c')} GROUP BY ALL
    UNION ALL SELECT orig_h, host, ${hmask} FROM http c WHERE ${live(h, 'c')} GROUP BY ALL
    UNION ALL SELECT orig_h, query, ${hmask} FROM dns c WHERE ${h.window('c.ts')} AND len(c.answers) > 0
      AND c.orig_h NOT IN (SELECT ip FROM dest_resolvers) GROUP BY ALL) c
  JOIN dest_class o ON o.ip = c.orig_h AND o.internal
  WHERE ${isName('c.v')}`;

/**
 * Address contacts as (k, orig_h, resp_h, resp_p, ts, ob, rb): answered connections, or TLS sessions
 * and HTTP requests when there is no conn log (they would only repeat its rows). Time and name
 * service over UDP are left out: a domain controller's NTP pool servers rotate and are polled around
 * the clock by design, and DNS has its own detectors.
 */
function addressRowsSql(h: DialectHooks, narrow = ''): string {
  return `
    SELECT 'c' AS k, c.orig_h, c.resp_h, c.resp_p, c.ts, ${countSql('c.orig_bytes')} AS ob, ${countSql('c.resp_bytes')} AS rb
    FROM conn c ${narrow} WHERE ${live(h, 'c')} AND ${answered} AND NOT (c.resp_p IN (53, 123) AND c.proto = 'udp')
    UNION ALL SELECT 's', c.orig_h, c.resp_h, c.resp_p, c.ts, 0, 0 FROM ssl c ${narrow} WHERE $noConn::BOOLEAN AND ${live(h, 'c')}
    UNION ALL SELECT 'h', c.orig_h, c.resp_h, c.resp_p, c.ts, 0, 0 FROM http c ${narrow}
    WHERE $noConn::BOOLEAN AND ${live(h, 'c')} AND c.method IS NOT NULL`;
}

// Clock hours (0–23) and days (modulo 64) with contact, as bit masks: cheap to OR together per pair,
// where a distinct count per pair would cost a hash table each.
const masks = (ts: string) =>
  `bit_or(1::UBIGINT << hour(${ts})::INT) AS hmask, bit_or(1::UBIGINT << ((epoch_ms(${ts}) // 86400000) % 64)::INT) AS dmask`;

/**
 * Rare destinations, in one pass over each big table: host ↔ address and host ↔ name pairs with
 * counts and hour masks; prevalence, rarity and persistence are decided on those, and names, DNS
 * answers and first-seen times are looked up for the few candidates left. `steps` build the temp
 * tables, `population` counts the internal hosts and `result` is the candidates as JSON.
 */
export const rareSql = (h: DialectHooks) => ({
  steps: [
    `CREATE OR REPLACE TEMP TABLE dest_resolvers AS
   SELECT DISTINCT d.resp_h AS ip FROM dns d
     JOIN dest_class o ON o.ip = d.orig_h AND o.internal JOIN dest_class r ON r.ip = d.resp_h AND r.internal
   WHERE ${h.window('d.ts')}`,
    // The pass over every contact keeps only what decides: who, where, which clock hours.
    `CREATE OR REPLACE TEMP TABLE dest_ip_cands AS
   WITH pairs AS MATERIALIZED (
     SELECT p.* FROM (
       SELECT orig_h AS host, resp_h AS ip, ${hmask} FROM (${addressRowsSql(h)}) c
       GROUP BY orig_h, resp_h) p
       JOIN dest_class o ON o.ip = p.host AND o.internal JOIN dest_class r ON r.ip = p.ip AND NOT r.internal
     WHERE ${routable('p.ip')})
   SELECT p.host, p.ip, v.hosts FROM pairs p
     JOIN (SELECT ip, count(*) AS hosts FROM pairs GROUP BY ip HAVING count(*) <= $maxHosts) v USING (ip)
   WHERE bit_count(p.hmask) >= $minHod`,
    `CREATE OR REPLACE TEMP TABLE dest_ip_pairs AS
   SELECT c.orig_h AS host, c.resp_h AS ip, any_value(k.hosts) AS hosts, count(*) FILTER (WHERE c.k = 'c') AS conn_n,
          count(*) FILTER (WHERE c.k = 's') AS ssl_n, count(*) FILTER (WHERE c.k = 'h') AS http_n, ${masks('c.ts')},
          min(c.ts) AS first, max(c.ts) AS last, sum(c.ob) AS ob, sum(c.rb) AS rb, list_distinct(list(c.resp_p)) AS ports
   FROM (${addressRowsSql(h, `SEMI JOIN (SELECT DISTINCT ip FROM dest_ip_cands) k ON k.ip = c.resp_h`)}) c
     JOIN dest_ip_cands k ON k.host = c.orig_h AND k.ip = c.resp_h
   GROUP BY c.orig_h, c.resp_h`,
    `CREATE OR REPLACE TEMP TABLE dest_hn AS SELECT host, v, name, hmask FROM (${nameHoursSql(h)})`,
    `CREATE OR REPLACE TEMP TABLE dest_names AS
   SELECT name, ${registrable} AS dom FROM (
     SELECT name, regexp_extract(name, '[^.]+\\.[^.]+$') AS l2, regexp_extract(name, '[^.]+\\.[^.]+\\.[^.]+$') AS l3,
            regexp_extract(name, '[^.]+\\.[^.]+\\.[^.]+\\.[^.]+$') AS l4
     FROM (SELECT DISTINCT name FROM dest_hn WHERE contains(name, '.'))) n
     LEFT JOIN dest_suffixes s2 ON s2.suffix = n.l2 LEFT JOIN dest_suffixes s3 ON s3.suffix = n.l3
   WHERE NOT regexp_matches(name, '(^|\\.)(local|lan|internal|intranet|corp|home|localdomain|arpa|localhost)$')`,
    `CREATE OR REPLACE TEMP TABLE dest_hd AS
   SELECT x.host, n.dom, bit_or(x.hmask) AS hmask FROM dest_hn x JOIN dest_names n USING (name) GROUP BY x.host, n.dom`,
    `CREATE OR REPLACE TEMP TABLE dest_doms AS SELECT dom, count(*) AS hosts FROM dest_hd GROUP BY dom`,
    `CREATE OR REPLACE TEMP TABLE dest_dom_cands AS
   SELECT DISTINCT d.host, n.name, x.v, d.dom, v.hosts FROM dest_hd d JOIN dest_doms v USING (dom) JOIN dest_names n USING (dom)
     JOIN dest_hn x ON x.host = d.host AND x.name = n.name
   WHERE v.hosts <= $maxHosts AND bit_count(d.hmask) >= $minHod`,
    `CREATE OR REPLACE TEMP TABLE dest_dom_pairs AS
   WITH hn AS (
     SELECT host, name, count(*) FILTER (WHERE k = 's') AS ssl_n, count(*) FILTER (WHERE k = 'h') AS http_n,
            count(*) FILTER (WHERE k = 'd') AS dns_n, count(*) FILTER (WHERE ext) AS ext, ${masks('ts')},
            min(ts) AS first, max(ts) AS last, list(DISTINCT resp_h ORDER BY resp_h) FILTER (WHERE outside) AS ips, list(DISTINCT resp_p ORDER BY resp_p) AS ports
     FROM (${nameRowsSql(h, (raw) => `SEMI JOIN (SELECT DISTINCT v FROM dest_dom_cands) k ON k.v = ${raw}`)})
     GROUP BY host, name)
   SELECT k.host, k.dom, any_value(k.hosts) AS hosts, sum(x.ssl_n) AS ssl_n, sum(x.http_n) AS http_n,
          sum(x.dns_n) AS dns_n, sum(x.ext) AS ext, bit_or(x.hmask) AS hmask, bit_or(x.dmask) AS dmask,
          min(x.first) AS first, max(x.last) AS last, list(x.name ORDER BY x.ssl_n + x.http_n + x.dns_n DESC, x.name) AS names,
          list_sort(list_distinct(flatten(list(x.ips)))) AS ips, list_sort(list_distinct(flatten(list(x.ports)))) AS ports
   FROM hn x JOIN dest_dom_cands k ON k.host = x.host AND k.name = x.name
   GROUP BY k.host, k.dom`,
    // One pass over the candidate hosts' DNS answers serves both kinds: the names an address was given
    // and the addresses a name was given.
    `CREATE OR REPLACE TEMP TABLE dest_answers AS
   WITH a AS (
     SELECT orig_h AS host, ${hostName('query')} AS name, unnest(answers) AS a FROM dns
     WHERE ${h.window()} AND len(answers) > 0
       AND orig_h IN (SELECT host FROM dest_ip_pairs UNION SELECT host FROM dest_dom_pairs))
   SELECT a.host, a.name, a.a, c.internal FROM a LEFT JOIN dest_class c ON c.ip = a.a
   WHERE a.a IN (SELECT ip FROM dest_ip_pairs)
      OR a.name IN (SELECT n.name FROM dest_names n SEMI JOIN dest_dom_pairs d ON d.dom = n.dom)`,
  ],
  population: `
  SELECT count(DISTINCT c.orig_h)::BIGINT FROM (
    SELECT DISTINCT orig_h FROM conn c WHERE ${live(h, 'c')} UNION ALL SELECT DISTINCT orig_h FROM ssl c WHERE ${live(h, 'c')}
    UNION ALL SELECT DISTINCT orig_h FROM http c WHERE ${live(h, 'c')} UNION ALL SELECT DISTINCT orig_h FROM dns c WHERE ${h.window('c.ts')}) c
    JOIN dest_class o ON o.ip = c.orig_h AND o.internal
  WHERE ${routable('c.orig_h')}`,
  result: `
  WITH ip_doms AS (
    SELECT DISTINCT i.ip, n.dom FROM (
      SELECT a AS ip, name FROM dest_answers
      UNION ALL SELECT resp_h, ${hostName('server_name')} FROM ssl
      WHERE ${isName('server_name')} AND resp_h IN (SELECT ip FROM dest_ip_pairs) AND ${h.scope()}
      UNION ALL SELECT resp_h, ${hostName('host')} FROM http
      WHERE ${isName('host')} AND method <> 'CONNECT' AND resp_h IN (SELECT ip FROM dest_ip_pairs) AND ${h.scope()}) i
    JOIN dest_names n USING (name) WHERE i.ip IN (SELECT ip FROM dest_ip_pairs)),
  -- An address behind a name many hosts use is that service's (a CDN edge); one behind a rare name
  -- the host also used is told under the name.
  popular_ips AS (
    SELECT DISTINCT ip FROM ip_doms JOIN dest_doms USING (dom) WHERE hosts > $maxHosts),
  covered AS (SELECT DISTINCT k.host, d.ip FROM ip_doms d JOIN dest_dom_pairs k USING (dom)),
  dom_answers AS (
    SELECT n.dom, count(*) FILTER (WHERE a.internal AND NOT regexp_matches(a.a, '^127\\.|^::1$')) AS inside
    FROM dest_answers a JOIN dest_names n USING (name) GROUP BY n.dom),
  host_answers AS (
    SELECT a.host, n.dom, count(*) AS n, list(DISTINCT a.a ORDER BY a.a) AS ips FROM dest_answers a JOIN dest_names n USING (name)
    WHERE a.internal = false AND ${routable('a.a')} GROUP BY ALL),
  dom_seen AS (
    SELECT k.dom, min(s.first_seen) AS first_seen FROM (SELECT DISTINCT dom FROM dest_dom_pairs) k
      JOIN det_seen_names s ON s.tail = regexp_extract(k.dom, '[^.]+\\.[^.]+$')
    WHERE s.name = k.dom OR ends_with(s.name, '.' || k.dom) GROUP BY k.dom),
  picked AS (
    SELECT 'ip' AS kind, p.host, p.ip AS key, [] AS names, [p.ip] AS ips, p.hosts, greatest(p.conn_n, p.ssl_n, p.http_n) AS sessions,
           0 AS lookups, p.hmask, p.dmask, p.first, p.last, coalesce(si.first_seen, p.first) AS seen,
           p.ports, p.conn_n > 0 AS has_conn, p.ob, p.rb
    FROM dest_ip_pairs p LEFT JOIN det_seen_ips si ON si.ip = p.ip
    WHERE p.ip NOT IN (SELECT ip FROM popular_ips) AND NOT EXISTS (SELECT 1 FROM covered c WHERE c.host = p.host AND c.ip = p.ip)
    UNION ALL
    -- A name's addresses: the ones connected to first, then the ones only DNS gave, each sorted, so
    -- the first (the finding's endpoint) is the same every run.
    SELECT 'domain', p.host, p.dom, p.names,
           list_concat(list_sort(list_distinct(coalesce(p.ips, []))),
                       list_sort(list_filter(list_distinct(coalesce(h.ips, [])), x -> NOT list_contains(coalesce(p.ips, []), x)))), p.hosts,
           greatest(p.ssl_n, p.http_n), p.dns_n, p.hmask, p.dmask, p.first, p.last,
           least(coalesce(ds.first_seen, p.first), p.first), p.ports, false, NULL, NULL
    FROM dest_dom_pairs p LEFT JOIN dom_answers da USING (dom) LEFT JOIN host_answers h USING (host, dom)
      LEFT JOIN dom_seen ds USING (dom)
    WHERE coalesce(da.inside, 0) = 0 AND (p.ext > 0 OR coalesce(h.n, 0) > 0))
  SELECT coalesce(to_json(list({kind: kind, host: host, key: key, names: names[1:5], ips: ips[1:5], hosts: hosts,
           sessions: sessions, lookups: lookups, hod: bit_count(hmask), days: bit_count(dmask), f: ${h.iso('first')},
           l: ${h.iso('last')}, seen: ${h.iso('seen')}, ports: ports, conn: has_conn, ob: ob, rb: rb}))::VARCHAR, '[]')
  FROM picked`,
});
