import { type AnalyticsSession, jsonRows } from '../../../store/analytics-session.js';
import {
  count,
  dataTypes,
  distinctNames,
  dnsFrom,
  isIp,
  nx,
  resolverSql,
} from '../../shared/sql/duckdb-dns-sql.js';
import { dropDnsTables, prepareDns } from '../../shared/sql/duckdb-dns-tables.js';
import type { DnsTunnelCandidate, DnsTunnellingSql } from '../dns-tunnelling-query.js';

/** Suffix depths searched (tails of 2 … deepest labels). */
const deepest = 5;
/** The last k labels of the label list `p` ('' when it has fewer). */
const tail = (k: number) => `CASE WHEN len(p) >= ${k} THEN array_to_string(p[-${k}:], '.') ELSE '' END`;

/**
 * det_dns_names(q, name, dom) from det_dns_hq: dom is the last two labels, or more where those
 * are a public suffix (co.uk, cloudfront.net). `isPublicSuffix` is asked about distinct tails only,
 * and only names under a suffix are split further.
 */
async function nameDomains(s: AnalyticsSession, isPublicSuffix: (n: string) => boolean): Promise<void> {
  await distinctNames(s, 'det_dns_names', 'det_dns_hq', 2);
  await s.run(`CREATE OR REPLACE TEMP TABLE det_dns_deep (tail VARCHAR, k INTEGER)`);
  const levels = Array.from({ length: deepest - 1 }, (_, i) => i + 2);
  for (const k of levels.slice(0, -1)) {
    const tails =
      k === 2
        ? `SELECT DISTINCT dom FROM det_dns_names`
        : `SELECT DISTINCT t${k} FROM det_dns_split WHERE t${k - 1} IN (SELECT tail FROM det_dns_deep WHERE k = ${k - 1})`;
    const deep = (await s.rows(tails))
      .map((x) => String(x[0] ?? ''))
      .filter((t) => t !== '' && isPublicSuffix(t));
    if (deep.length === 0) break;
    await s.append(
      'det_dns_deep',
      ['varchar', 'integer'],
      deep.map((t) => [t, k]),
    );
    if (k === 2)
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_dns_split AS
           SELECT q, ${levels.map((j) => `${tail(j)} AS t${j}`).join(', ')}
           FROM (SELECT q, string_split(name, '.') AS p FROM det_dns_names
                 SEMI JOIN det_dns_deep d ON d.k = 2 AND d.tail = det_dns_names.dom)`,
      );
  }
  if ((await count(s, `SELECT count(*) FROM det_dns_deep`)) > 0) {
    const inner = levels.slice(0, -1);
    await s.run(
      `UPDATE det_dns_names SET dom = s.dom FROM (
         SELECT t.q, CASE ${inner.map((k) => `WHEN d${k}.tail IS NULL THEN t${k}`).join(' ')} ELSE t${deepest} END AS dom
         FROM det_dns_split t ${inner.map((k) => `LEFT JOIN det_dns_deep d${k} ON d${k}.k = ${k} AND d${k}.tail = t.t${k}`).join(' ')}
       ) s WHERE det_dns_names.q = s.q`,
    );
    // A name that is itself a public suffix has no domain.
    await s.run(`DELETE FROM det_dns_names WHERE dom = ''`);
  }
  await s.run(
    `CREATE OR REPLACE TEMP TABLE det_dns_names AS
       SELECT *, greatest(length(name) - length(dom) - 1, 0) AS sub FROM det_dns_names`,
  );
}

/** The dns-tunnelling aggregates in DuckDB's SQL. */
export const duckdbDnsTunnelling: DnsTunnellingSql = {
  async dnsTunnelCandidates(s, opts) {
    const params = await prepareDns(s, opts);
    const connKnown =
      (await count(s, `SELECT EXISTS (SELECT 1 FROM conn WHERE ${s.hooks.window()})::INT`, params)) > 0;
    try {
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_dns_hq AS
           SELECT d.orig_h AS host, d.query AS q, count(*) AS n, count(*) FILTER (WHERE ${dataTypes}) AS data_n,
                  count(*) FILTER (WHERE ${nx}) AS nx_n, min(d.ts) AS first, max(d.ts) AS last
           ${dnsFrom(s.hooks)} GROUP BY d.orig_h, d.query`,
        params,
      );
      const clients = await count(s, `SELECT count(DISTINCT host) FROM det_dns_hq`);
      if (clients === 0) return { clients, connKnown, candidates: [] };
      await nameDomains(s, opts.isPublicSuffix);
      // Per client and domain (counts only), prevalence from the same pairs.
      await s.run(
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
        },
      );
      if ((await count(s, `SELECT count(*) FROM det_dns_cand`)) === 0)
        return { clients, connKnown, candidates: [] };
      // Every client's queries under the candidate domains, back from the rows for their answers,
      // types and servers (answers and servers are judged per domain).
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_dns_rows AS
           SELECT d.orig_h AS host, nm.name, nm.dom, coalesce(upper(d.qtype_name), d.qtype::VARCHAR) AS qtn,
                  d.answers, CASE WHEN d.aa OR NOT d.rd THEN d.resp_h END AS auth
           FROM dns d JOIN det_dns_class o ON o.ip = d.orig_h AND o.internal
             JOIN (SELECT q, name, dom FROM det_dns_names SEMI JOIN (SELECT DISTINCT dom FROM det_dns_cand) c USING (dom)) nm
             ON nm.q = d.query
           WHERE ${s.hooks.window('d.ts')} AND coalesce(d.resp_p, 53) NOT IN (137, 5353, 5355)`,
        params,
      );
      const candidates = await jsonRows<DnsTunnelCandidate>(
        s,
        `WITH ips AS (
             SELECT DISTINCT dom, name, a FROM (SELECT dom, name, unnest(answers) AS a FROM det_dns_rows)
             WHERE ${isIp('a')}),
           hit AS (SELECT DISTINCT resp_h AS a FROM conn WHERE ${s.hooks.window()} AND resp_h IN (SELECT a FROM ips)),
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
           resolvers AS (${resolverSql(s.hooks, 'det_dns_cand')})
           SELECT coalesce(to_json(list({
             host: c.host, domain: c.dom, queries: c.n::BIGINT, uniqueNames: c.u, meanSubLength: c.sub_len::DOUBLE,
             dataTypeQueries: coalesce(c.data_n, 0)::BIGINT, qtypes: coalesce(t.qtypes, []), nxdomain: c.nx_n::BIGINT,
             answeredNames: coalesce(a.answered, 0), connectedNames: coalesce(a.connected, 0),
             loopbackNames: coalesce(a.loopback, 0), hosts: c.hosts, authServer: s.server,
             resolverClients: coalesce(v.clients, 0), iterative: coalesce(v.iterative, false), samples: m.names,
             first: ${s.hooks.iso('c.first')}, last: ${s.hooks.iso('c.last')}}))::VARCHAR, '[]')
           FROM det_dns_cand c JOIN samples m USING (host, dom) LEFT JOIN types t USING (host, dom)
             LEFT JOIN answered a USING (dom) LEFT JOIN auth s USING (dom) LEFT JOIN resolvers v ON v.ip = c.host`,
        params,
      );
      return { clients, connKnown, candidates };
    } finally {
      await dropDnsTables(
        s,
        'det_dns_hq',
        'det_dns_names',
        'det_dns_deep',
        'det_dns_split',
        'det_dns_cand',
        'det_dns_rows',
      );
    }
  },
};
