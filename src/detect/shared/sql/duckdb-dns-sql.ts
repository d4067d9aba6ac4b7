import type { AnalyticsSession, SqlParams } from '../../../store/analytics-session.js';
import type { DialectHooks } from '../../../store/sql/dialect-hooks.js';

// SQL fragments and query helpers the dns-tunnelling, dga and threat-intel aggregates share.

/** Query types that carry data back (CNAME, NULL, MX, TXT, ANY, private-use). */
export const dataTypes = `coalesce(d.qtype IN (5, 10, 15, 16, 255) OR d.qtype >= 65280
  OR upper(d.qtype_name) IN ('CNAME', 'NULL', 'MX', 'TXT', 'ANY', '*'), false)`;
/** Address lookups (A, AAAA). */
export const addressTypes = `coalesce(d.qtype IN (1, 28) OR upper(d.qtype_name) IN ('A', 'AAAA'), false)`;
/** The answer was NXDOMAIN. */
export const nx = `coalesce(d.rcode = 3 OR d.rcode_name = 'NXDOMAIN', false)`;
/** The text in `a` is an IP address. */
export const isIp = (a: string) => `(regexp_full_match(${a}, '[0-9.]+') OR contains(${a}, ':'))`;

/**
 * DNS transactions of internal clients in the window. NetBIOS, mDNS and LLMNR are local name
 * services, not DNS. Rows are grouped per client and query string before any string work, so that
 * lower-casing and splitting run once per distinct name, not once per row.
 */
export const dnsFrom = (h: DialectHooks) => `FROM dns d JOIN det_dns_class o ON o.ip = d.orig_h AND o.internal
  WHERE ${h.window('d.ts')} AND d.query IS NOT NULL AND coalesce(d.resp_p, 53) NOT IN (137, 5353, 5355)`;

/** The last k labels of `name`, or all of them when it has fewer ('' for names with empty labels). */
const lastLabels = (k: number) => `regexp_extract(name, '(?:[^.]+[.]){0,${k - 1}}[^.]+$')`;

/**
 * Fills `table` with the distinct query strings of `source` as (q, name, dom): lower-cased without
 * the trailing dot, and the last `labels` labels. Bare labels and reverse lookups are left out. Two
 * statements, so the lower-casing is not repeated for every later use of the name.
 */
export async function distinctNames(s: AnalyticsSession, table: string, source: string, labels: number) {
  await s.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT q, lower(rtrim(q, '.')) AS name FROM (SELECT DISTINCT q FROM ${source})`,
  );
  await s.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM (SELECT q, name, ${lastLabels(labels)} AS dom FROM ${table}
     WHERE contains(name, '.') AND NOT ends_with(name, '.arpa')) WHERE contains(dom, '.')`,
  );
}

/** The single number a query returns (0 when it returns nothing). */
export async function count(s: AnalyticsSession, sql: string, params: SqlParams = {}): Promise<number> {
  const r = await s.rows(sql, params);
  return Number(r[0]?.[0] ?? 0);
}

/**
 * Per internal host of `hosts` (a table with a `host` column): how many internal clients sent it
 * DNS queries (a resolver's visible clients), and whether its own queries are mostly iterative
 * (no recursion desired), as a resolver's upstream queries are.
 */
export const resolverSql = (h: DialectHooks, hosts: string) => `
    SELECT ip, max(clients) AS clients, bool_or(iterative) AS iterative FROM (
      SELECT d.resp_h AS ip, count(DISTINCT d.orig_h) AS clients, false AS iterative FROM dns d
        JOIN det_dns_class o ON o.ip = d.orig_h AND o.internal JOIN det_dns_class r ON r.ip = d.resp_h AND r.internal
      WHERE ${h.window('d.ts')} AND coalesce(d.resp_p, 53) = 53 AND d.orig_h <> d.resp_h
        AND d.resp_h IN (SELECT host FROM ${hosts})
      GROUP BY d.resp_h
      UNION ALL
      SELECT d.orig_h, 0, count(*) >= 20 AND count(*) FILTER (WHERE NOT d.rd) >= count(*) / 2 FROM dns d
      WHERE ${h.window('d.ts')} AND coalesce(d.resp_p, 53) = 53 AND d.orig_h IN (SELECT host FROM ${hosts})
      GROUP BY d.orig_h)
    GROUP BY ip`;
