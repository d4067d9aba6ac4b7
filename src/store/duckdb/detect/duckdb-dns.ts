import { type DuckDBConnection, type DuckDBType, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { tryIpRange } from '../../../intel/warninglists/ip-range.js';
import type {
  DgaAggregate,
  DgaCandidate,
  DgaOptions,
  DgaResolved,
  DgaResolvedOptions,
  DnsAggregates,
  DnsTunnelAggregate,
  DnsTunnelCandidate,
  DnsTunnelOptions,
  DnsWindowOptions,
} from '../../detect/dns-aggregates.js';
import { appendRows } from '../intel/duckdb-intel-append.js';
import { type DuckDBDetectContext, isoSql, windowSql } from './duckdb-detect-context.js';

/** Suffix depths searched (tails of 2 … deepest labels). */
const deepest = 5;
/** The last k labels of the label list `p` ('' when it has fewer). */
const tail = (k: number) => `CASE WHEN len(p) >= ${k} THEN array_to_string(p[-${k}:], '.') ELSE '' END`;

const dataTypes = `coalesce(d.qtype IN (5, 10, 15, 16, 255) OR d.qtype >= 65280
  OR upper(d.qtype_name) IN ('CNAME', 'NULL', 'MX', 'TXT', 'ANY', '*'), false)`;
const addressTypes = `coalesce(d.qtype IN (1, 28) OR upper(d.qtype_name) IN ('A', 'AAAA'), false)`;
const nx = `coalesce(d.rcode = 3 OR d.rcode_name = 'NXDOMAIN', false)`;
const isIp = (a: string) => `(regexp_full_match(${a}, '[0-9.]+') OR contains(${a}, ':'))`;

/**
 * DNS transactions of internal clients in the window. NetBIOS, mDNS and LLMNR are local name
 * services, not DNS. Rows are grouped per client and query string before any string work, so that
 * lower-casing and splitting run once per distinct name, not once per row.
 */
const dnsFrom = `FROM dns d JOIN det_dns_class o ON o.ip = d.orig_h AND o.internal
  WHERE ${windowSql('d.ts')} AND d.query IS NOT NULL AND coalesce(d.resp_p, 53) NOT IN (137, 5353, 5355)`;

/** The last k labels of `name`, or all of them when it has fewer ('' for names with empty labels). */
const lastLabels = (k: number) => `regexp_extract(name, '(?:[^.]+[.]){0,${k - 1}}[^.]+$')`;

/**
 * Fills `table` with the distinct query strings of `source` as (q, name, dom): lower-cased without
 * the trailing dot, and the last `labels` labels. Bare labels and reverse lookups are left out. Two
 * statements, so the lower-casing is not repeated for every later use of the name.
 */
async function distinctNames(conn: DuckDBConnection, table: string, source: string, labels: number) {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT q, lower(rtrim(q, '.')) AS name FROM (SELECT DISTINCT q FROM ${source})`,
  );
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM (SELECT q, name, ${lastLabels(labels)} AS dom FROM ${table}
     WHERE contains(name, '.') AND NOT ends_with(name, '.arpa')) WHERE contains(dom, '.')`,
  );
}

async function json<T>(
  conn: DuckDBConnection,
  sql: string,
  params: Record<string, unknown>,
  types?: Record<string, DuckDBType>,
): Promise<T[]> {
  const r = await conn.runAndReadAll(sql, params as never, types);
  return JSON.parse(String(r.getRows()[0]?.[0] ?? '[]')) as T[];
}

async function count(
  conn: DuckDBConnection,
  sql: string,
  params: Record<string, unknown> = {},
): Promise<number> {
  const r = await conn.runAndReadAll(sql, params as never);
  return Number(r.getRows()[0]?.[0] ?? 0);
}

/** The dns-tunnelling and dga aggregates over the DuckDB tables. */
export function duckdbDnsAggregates(ctx: DuckDBDetectContext): DnsAggregates {
  const { conn } = ctx;

  /**
   * det_dns_class: det_class plus the DNS addresses it lacks (seen_ips is built from conn, so a
   * DNS-only capture would otherwise have no internal clients at all).
   */
  async function prepare(opts: DnsWindowOptions): Promise<Record<string, unknown>> {
    await ctx.settle();
    await ctx.classify(opts.internal);
    const params = { from: opts.from ?? null, to: opts.to ?? null };
    const missing = await conn.runAndReadAll(
      `SELECT DISTINCT ip FROM (SELECT orig_h AS ip FROM dns WHERE ${windowSql()}
                                UNION ALL SELECT resp_h FROM dns WHERE ${windowSql()})
       WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM det_class)`,
      params,
    );
    await conn.run(`CREATE OR REPLACE TEMP TABLE det_dns_class AS SELECT ip, internal FROM det_class`);
    const inside = (ip: string) => {
      const r = tryIpRange(ip);
      return r !== null && opts.internal.some((n) => n.v === r.v && r.lo >= n.lo && r.hi <= n.hi);
    };
    const rows = missing.getRows().map((r) => String(r[0]));
    await appendRows(
      conn,
      'det_dns_class',
      ['varchar', 'boolean'],
      rows.map((ip) => [ip, inside(ip)]),
    );
    return params;
  }

  /**
   * Per internal host of `hosts` (a table with a `host` column): how many internal clients sent it
   * DNS queries (a resolver's visible clients), and whether its own queries are mostly iterative
   * (no recursion desired), as a resolver's upstream queries are.
   */
  const resolverSql = (hosts: string) => `
    SELECT ip, max(clients) AS clients, bool_or(iterative) AS iterative FROM (
      SELECT d.resp_h AS ip, count(DISTINCT d.orig_h) AS clients, false AS iterative FROM dns d
        JOIN det_dns_class o ON o.ip = d.orig_h AND o.internal JOIN det_dns_class r ON r.ip = d.resp_h AND r.internal
      WHERE ${windowSql('d.ts')} AND coalesce(d.resp_p, 53) = 53 AND d.orig_h <> d.resp_h
        AND d.resp_h IN (SELECT host FROM ${hosts})
      GROUP BY d.resp_h
      UNION ALL
      SELECT d.orig_h, 0, count(*) >= 20 AND count(*) FILTER (WHERE NOT d.rd) >= count(*) / 2 FROM dns d
      WHERE ${windowSql('d.ts')} AND coalesce(d.resp_p, 53) = 53 AND d.orig_h IN (SELECT host FROM ${hosts})
      GROUP BY d.orig_h)
    GROUP BY ip`;

  /**
   * det_dns_names(q, name, dom) from det_dns_hq: dom is the last two labels, or more where those
   * are a public suffix (co.uk, cloudfront.net). `isPublicSuffix` is asked about distinct tails only,
   * and only names under a suffix are split further.
   */
  async function nameDomains(isPublicSuffix: (n: string) => boolean): Promise<void> {
    await distinctNames(conn, 'det_dns_names', 'det_dns_hq', 2);
    await conn.run(`CREATE OR REPLACE TEMP TABLE det_dns_deep (tail VARCHAR, k INTEGER)`);
    const levels = Array.from({ length: deepest - 1 }, (_, i) => i + 2);
    for (const k of levels.slice(0, -1)) {
      const tails =
        k === 2
          ? `SELECT DISTINCT dom FROM det_dns_names`
          : `SELECT DISTINCT t${k} FROM det_dns_split WHERE t${k - 1} IN (SELECT tail FROM det_dns_deep WHERE k = ${k - 1})`;
      const deep = (await conn.runAndReadAll(tails))
        .getRows()
        .map((x) => String(x[0] ?? ''))
        .filter((t) => t !== '' && isPublicSuffix(t));
      if (deep.length === 0) break;
      await appendRows(
        conn,
        'det_dns_deep',
        ['varchar', 'integer'],
        deep.map((t) => [t, k]),
      );
      if (k === 2)
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE det_dns_split AS
           SELECT q, ${levels.map((j) => `${tail(j)} AS t${j}`).join(', ')}
           FROM (SELECT q, string_split(name, '.') AS p FROM det_dns_names
                 SEMI JOIN det_dns_deep d ON d.k = 2 AND d.tail = det_dns_names.dom)`,
        );
    }
    if ((await count(conn, `SELECT count(*) FROM det_dns_deep`)) > 0) {
      const inner = levels.slice(0, -1);
      await conn.run(
        `UPDATE det_dns_names SET dom = s.dom FROM (
         SELECT t.q, CASE ${inner.map((k) => `WHEN d${k}.tail IS NULL THEN t${k}`).join(' ')} ELSE t${deepest} END AS dom
         FROM det_dns_split t ${inner.map((k) => `LEFT JOIN det_dns_deep d${k} ON d${k}.k = ${k} AND d${k}.tail = t.t${k}`).join(' ')}
       ) s WHERE det_dns_names.q = s.q`,
      );
      // A name that is itself a public suffix has no domain.
      await conn.run(`DELETE FROM det_dns_names WHERE dom = ''`);
    }
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE det_dns_names AS
       SELECT *, greatest(length(name) - length(dom) - 1, 0) AS sub FROM det_dns_names`,
    );
  }

  async function dropAll(...tables: string[]): Promise<void> {
    for (const t of tables) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  }

  return {
    async dnsTunnelCandidates(opts: DnsTunnelOptions): Promise<DnsTunnelAggregate> {
      const params = await prepare(opts);
      const connKnown =
        (await count(conn, `SELECT EXISTS (SELECT 1 FROM conn WHERE ${windowSql()})::INT`, params)) > 0;
      try {
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE det_dns_hq AS
           SELECT d.orig_h AS host, d.query AS q, count(*) AS n, count(*) FILTER (WHERE ${dataTypes}) AS data_n,
                  count(*) FILTER (WHERE ${nx}) AS nx_n, min(d.ts) AS first, max(d.ts) AS last
           ${dnsFrom} GROUP BY d.orig_h, d.query`,
          params as never,
        );
        const clients = await count(conn, `SELECT count(DISTINCT host) FROM det_dns_hq`);
        if (clients === 0) return { clients, connKnown, candidates: [] };
        await nameDomains(opts.isPublicSuffix);
        // Per client and domain (counts only), prevalence from the same pairs.
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE det_dns_cand AS
           WITH pairs AS (
             SELECT h.host, nm.dom, sum(h.n) AS n, count(*) AS u, sum(h.n * nm.sub) / sum(h.n) AS sub_len,
                    sum(h.data_n) AS data_n, sum(h.nx_n) AS nx_n,
                    min(h.first) AS first, max(h.last) AS last
             FROM det_dns_hq h JOIN det_dns_names nm USING (q) GROUP BY h.host, nm.dom),
           prev AS (SELECT *, count(*) OVER (PARTITION BY dom) AS hosts FROM pairs)
           SELECT * FROM prev
           WHERE u >= $minUnique AND sub_len >= $minLen AND NOT (hosts >= 3 AND hosts > $maxShare * $clients)`,
          {
            minUnique: opts.minUnique,
            minLen: opts.minMeanSubLength,
            maxShare: opts.maxHostShare,
            clients,
          } as never,
        );
        if ((await count(conn, `SELECT count(*) FROM det_dns_cand`)) === 0)
          return { clients, connKnown, candidates: [] };
        // Every client's queries under the candidate domains, back from the rows for their answers,
        // types and servers (answers and servers are judged per domain).
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE det_dns_rows AS
           SELECT d.orig_h AS host, nm.name, nm.dom, coalesce(upper(d.qtype_name), d.qtype::VARCHAR) AS qtn,
                  d.answers, CASE WHEN d.aa OR NOT d.rd THEN d.resp_h END AS auth
           FROM dns d JOIN det_dns_class o ON o.ip = d.orig_h AND o.internal
             JOIN (SELECT q, name, dom FROM det_dns_names SEMI JOIN (SELECT DISTINCT dom FROM det_dns_cand) c USING (dom)) nm
             ON nm.q = d.query
           WHERE ${windowSql('d.ts')} AND coalesce(d.resp_p, 53) NOT IN (137, 5353, 5355)`,
          params as never,
        );
        const candidates = await json<DnsTunnelCandidate>(
          conn,
          `WITH ips AS (
             SELECT DISTINCT dom, name, a FROM (SELECT dom, name, unnest(answers) AS a FROM det_dns_rows)
             WHERE ${isIp('a')}),
           hit AS (SELECT DISTINCT resp_h AS a FROM conn WHERE ${windowSql()} AND resp_h IN (SELECT a FROM ips)),
           answered AS (
             SELECT dom, count(DISTINCT name) AS answered,
                    count(DISTINCT name) FILTER (WHERE a IN (SELECT a FROM hit)) AS connected,
                    count(DISTINCT name) FILTER (WHERE starts_with(a, '127.')) AS loopback
             FROM ips GROUP BY dom),
           auth AS (
             SELECT dom, mode(auth) AS server FROM det_dns_rows x
               JOIN det_dns_class r ON r.ip = x.auth AND NOT r.internal
             GROUP BY dom),
           types AS (
             SELECT host, dom, list(qtn ORDER BY k DESC, qtn) AS qtypes FROM (
               SELECT host, dom, qtn, count(*) AS k FROM det_dns_rows WHERE qtn IS NOT NULL GROUP BY ALL)
             GROUP BY ALL),
           samples AS (
             SELECT host, dom, list(name ORDER BY h) AS names FROM (
               SELECT * FROM (
                 SELECT DISTINCT host, dom, name, hash(name) AS h FROM det_dns_rows
                 SEMI JOIN det_dns_cand c USING (host, dom))
               QUALIFY row_number() OVER (PARTITION BY host, dom ORDER BY h) <= 16)
             GROUP BY ALL),
           resolvers AS (${resolverSql('det_dns_cand')})
           SELECT coalesce(to_json(list({
             host: c.host, domain: c.dom, queries: c.n::BIGINT, uniqueNames: c.u, meanSubLength: c.sub_len::DOUBLE,
             dataTypeQueries: coalesce(c.data_n, 0)::BIGINT, qtypes: coalesce(t.qtypes, []), nxdomain: c.nx_n::BIGINT,
             answeredNames: coalesce(a.answered, 0), connectedNames: coalesce(a.connected, 0),
             loopbackNames: coalesce(a.loopback, 0), hosts: c.hosts, authServer: s.server,
             resolverClients: coalesce(v.clients, 0), iterative: coalesce(v.iterative, false), samples: m.names,
             first: ${isoSql('c.first')}, last: ${isoSql('c.last')}}))::VARCHAR, '[]')
           FROM det_dns_cand c JOIN samples m USING (host, dom) LEFT JOIN types t USING (host, dom)
             LEFT JOIN answered a USING (dom) LEFT JOIN auth s USING (dom) LEFT JOIN resolvers v ON v.ip = c.host`,
          params,
        );
        return { clients, connKnown, candidates };
      } finally {
        await dropAll(
          'det_dns_hq',
          'det_dns_names',
          'det_dns_deep',
          'det_dns_split',
          'det_dns_cand',
          'det_dns_rows',
        );
      }
    },

    async dgaCandidates(opts: DgaOptions): Promise<DgaAggregate> {
      const params = await prepare(opts);
      try {
        const clients = await count(conn, `SELECT count(DISTINCT d.orig_h) ${dnsFrom}`, params);
        // Only failed address lookups matter here: a small share of the rows.
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE det_dns_hq AS
           SELECT d.orig_h AS host, d.query AS q, count(*) AS n, min(d.ts) AS first
           ${dnsFrom} AND ${addressTypes} AND ${nx} GROUP BY d.orig_h, d.query`,
          params as never,
        );
        // The last three labels over-count registered domains, which is safe for a pre-filter.
        await distinctNames(conn, 'det_dns_names', 'det_dns_hq', 3);
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE det_dns_nx AS
           SELECT h.host, nm.name, any_value(nm.dom) AS t3, min(h.first) AS first, sum(h.n) AS n
           FROM det_dns_hq h JOIN det_dns_names nm USING (q)
           GROUP BY h.host, nm.name`,
        );
        // A burst in one fixed bucket, or a long tail over the window; the exact burst is scored later.
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE det_dns_hosts AS
           SELECT host FROM det_dns_nx GROUP BY host HAVING count(DISTINCT t3) >= $minTotal
           UNION
           SELECT host FROM det_dns_nx GROUP BY host, floor(epoch(first) / $bucket)
           HAVING count(DISTINCT t3) >= $minBurst`,
          { minTotal: opts.minTotal, minBurst: opts.minBurst, bucket: opts.burstSeconds } as never,
        );
        if ((await count(conn, `SELECT count(*) FROM det_dns_hosts`)) === 0)
          return { clients, candidates: [] };
        const candidates = await json<DgaCandidate>(
          conn,
          `WITH nx AS (
             SELECT host, count(*) AS total,
                    list({name: name, first: epoch(first), count: n::BIGINT, hosts: hosts} ORDER BY first, name)
                      FILTER (WHERE k <= $max) AS names
             FROM (
               SELECT x.*, p.hosts, row_number() OVER (PARTITION BY x.host ORDER BY x.first, x.name) AS k
               FROM det_dns_nx x SEMI JOIN det_dns_hosts USING (host)
                 JOIN (SELECT name, count(*) AS hosts FROM det_dns_nx GROUP BY name) p USING (name))
             GROUP BY host),
           resolvers AS (${resolverSql('det_dns_hosts')})
           SELECT coalesce(to_json(list({host: host, nxTotal: total, nxNames: names,
                                         resolverClients: coalesce(v.clients, 0),
                                         iterative: coalesce(v.iterative, false)}))::VARCHAR, '[]')
           FROM nx LEFT JOIN resolvers v ON v.ip = nx.host`,
          { ...params, max: opts.maxNames },
        );
        return { clients, candidates };
      } finally {
        await dropAll('det_dns_hq', 'det_dns_names', 'det_dns_nx', 'det_dns_hosts');
      }
    },

    async dgaResolved(opts: DgaResolvedOptions): Promise<DgaResolved[]> {
      if (opts.hosts.length === 0) return [];
      const params = await prepare(opts);
      // Answered address lookups of the given hosts; rarity is judged per exact name over all clients.
      return json<DgaResolved>(
        conn,
        `WITH mine AS (
           SELECT d.orig_h AS host, d.query AS q, min(d.ts) AS first,
                  list_distinct(flatten(list(list_filter(d.answers, a -> ${isIp('a')}))))[1:4] AS ips
           ${dnsFrom} AND ${addressTypes} AND NOT ${nx} AND len(d.answers) > 0
             AND d.orig_h IN (SELECT unnest($hosts))
           GROUP BY d.orig_h, d.query),
         rare AS (
           SELECT d.query AS q ${dnsFrom} AND d.query IN (SELECT q FROM mine)
           GROUP BY d.query HAVING count(DISTINCT d.orig_h) <= 2),
         picked AS (
           SELECT * FROM mine SEMI JOIN rare USING (q) WHERE len(ips) > 0
           QUALIFY row_number() OVER (PARTITION BY host ORDER BY first, q) <= $max),
         pairs AS (SELECT DISTINCT host, q, unnest(ips) AS ip FROM picked),
         hit AS (
           SELECT DISTINCT p.host, p.q FROM pairs p
           SEMI JOIN (SELECT orig_h, resp_h FROM conn WHERE ${windowSql()}) c ON c.orig_h = p.host AND c.resp_h = p.ip)
         SELECT coalesce(to_json(list({host: host, names: names}))::VARCHAR, '[]') FROM (
           SELECT m.host, list({name: lower(rtrim(m.q, '.')), answers: m.ips, connected: h.q IS NOT NULL,
                                first: epoch(m.first)} ORDER BY m.first, m.q) AS names
           FROM picked m LEFT JOIN hit h USING (host, q) GROUP BY m.host)`,
        { ...params, hosts: listValue([...opts.hosts]), max: opts.maxNames },
        { hosts: LIST(VARCHAR) },
      );
    },
  };
}
