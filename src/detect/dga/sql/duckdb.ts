import { jsonRows } from '../../../store/analytics-session.js';
import {
  addressTypes,
  count,
  distinctNames,
  dnsFrom,
  isIp,
  nx,
  resolverSql,
} from '../../shared/sql/duckdb-dns-sql.js';
import { dropDnsTables, prepareDns } from '../../shared/sql/duckdb-dns-tables.js';
import type { DgaCandidate, DgaResolved, DgaSql } from '../dga-query.js';

/** The dga aggregates in DuckDB's SQL: NXDOMAIN bursts per client, and the rare names the suspects resolved. */
export const duckdbDga: DgaSql = {
  async dgaCandidates(s, opts) {
    const params = await prepareDns(s, opts);
    try {
      const clients = await count(s, `SELECT count(DISTINCT d.orig_h) ${dnsFrom(s.hooks)}`, params);
      // Only failed address lookups matter here: a small share of the rows.
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_dns_hq AS
           SELECT d.orig_h AS host, d.query AS q, count(*) AS n, min(d.ts) AS first
           ${dnsFrom(s.hooks)} AND ${addressTypes} AND ${nx} GROUP BY d.orig_h, d.query`,
        params,
      );
      // The last three labels over-count registered domains, which is safe for a pre-filter.
      await distinctNames(s, 'det_dns_names', 'det_dns_hq', 3);
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_dns_nx AS
           SELECT h.host, nm.name, any_value(nm.dom) AS t3, min(h.first) AS first, sum(h.n) AS n
           FROM det_dns_hq h JOIN det_dns_names nm USING (q)
           GROUP BY h.host, nm.name`,
      );
      // A burst in one fixed bucket, or a long tail over the window; the exact burst is scored later.
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_dns_hosts AS
           SELECT host FROM det_dns_nx GROUP BY host HAVING count(DISTINCT t3) >= $minTotal
           UNION
           SELECT host FROM det_dns_nx GROUP BY host, floor(epoch(first) / $bucket)
           HAVING count(DISTINCT t3) >= $minBurst`,
        { minTotal: opts.minTotal, minBurst: opts.minBurst, bucket: opts.burstSeconds },
      );
      if ((await count(s, `SELECT count(*) FROM det_dns_hosts`)) === 0) return { clients, candidates: [] };
      const candidates = await jsonRows<DgaCandidate>(
        s,
        `WITH nx AS (
             SELECT host, count(*) AS total,
                    list({name: name, first: epoch(first), count: n::BIGINT, hosts: hosts} ORDER BY first, name)
                      FILTER (WHERE k <= $max) AS names
             FROM (
               SELECT x.*, p.hosts, row_number() OVER (PARTITION BY x.host ORDER BY x.first, x.name) AS k
               FROM det_dns_nx x SEMI JOIN det_dns_hosts USING (host)
                 JOIN (SELECT name, count(*) AS hosts FROM det_dns_nx GROUP BY name) p USING (name))
             GROUP BY host),
           resolvers AS (${resolverSql(s.hooks, 'det_dns_hosts')})
           SELECT coalesce(to_json(list({host: host, nxTotal: total, nxNames: names,
                                         resolverClients: coalesce(v.clients, 0),
                                         iterative: coalesce(v.iterative, false)}))::VARCHAR, '[]')
           FROM nx LEFT JOIN resolvers v ON v.ip = nx.host`,
        { ...params, max: opts.maxNames },
      );
      return { clients, candidates };
    } finally {
      await dropDnsTables(s, 'det_dns_hq', 'det_dns_names', 'det_dns_nx', 'det_dns_hosts');
    }
  },

  async dgaResolved(s, opts) {
    if (opts.hosts.length === 0) return [];
    const params = await prepareDns(s, opts);
    // Answered address lookups of the given hosts; rarity is judged per exact name over all clients.
    return jsonRows<DgaResolved>(
      s,
      `WITH mine AS (
           SELECT d.orig_h AS host, d.query AS q, min(d.ts) AS first,
                  list_distinct(flatten(list(list_filter(d.answers, a -> ${isIp('a')}))))[1:4] AS ips
           ${dnsFrom(s.hooks)} AND ${addressTypes} AND NOT ${nx} AND len(d.answers) > 0
             AND d.orig_h IN (SELECT unnest($hosts))
           GROUP BY d.orig_h, d.query),
         rare AS (
           SELECT d.query AS q ${dnsFrom(s.hooks)} AND d.query IN (SELECT q FROM mine)
           GROUP BY d.query HAVING count(DISTINCT d.orig_h) <= 2),
         picked AS (
           SELECT * FROM mine SEMI JOIN rare USING (q) WHERE len(ips) > 0
           QUALIFY row_number() OVER (PARTITION BY host ORDER BY first, q) <= $max),
         pairs AS (SELECT DISTINCT host, q, unnest(ips) AS ip FROM picked),
         hit AS (
           SELECT DISTINCT p.host, p.q FROM pairs p
           SEMI JOIN (SELECT orig_h, resp_h FROM conn WHERE ${s.hooks.window()}) c ON c.orig_h = p.host AND c.resp_h = p.ip)
         SELECT coalesce(to_json(list({host: host, names: names}))::VARCHAR, '[]') FROM (
           SELECT m.host, list({name: lower(rtrim(m.q, '.')), answers: m.ips, connected: h.q IS NOT NULL,
                                first: epoch(m.first)} ORDER BY m.first, m.q) AS names
           FROM picked m LEFT JOIN hit h USING (host, q) GROUP BY m.host)`,
      { ...params, hosts: [...opts.hosts], max: opts.maxNames },
      { hosts: 'varchar[]' },
    );
  },
};
