import { type AnalyticsSession, jsonRows, type SqlParams } from '../../../store/analytics-session.js';
import type { DialectHooks } from '../../../store/sql/dialect-hooks.js';
import { hostSql } from '../../../store/sql/duckdb/duckdb-host-sql.js';
import { countSql, secondsSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';
import type {
  ExfilCandidate,
  ExfilCandidates,
  ExfilHostHours,
  ExfiltrationSql,
} from '../exfiltration-query.js';

type Source = 'conn' | 'http';
/** The column of bytes sent, per source. */
const sent: Record<Source, string> = { conn: 'orig_bytes', http: 'request_body_len' };

// Zeek derives orig_bytes from sequence numbers, so a gap or a wrap can claim gigabytes a handful of
// packets never carried; the IP-level count caps it when Zeek has one.
const payload = (bytes: string, ipBytes: string) =>
  `CASE WHEN c.${ipBytes} > 0 THEN least(${countSql(`c.${bytes}`)}, ${countSql(`c.${ipBytes}`)}) ELSE ${countSql(`c.${bytes}`)} END`;

// Internal → external, by the small set of internal addresses: semi- and anti-joins against it cost
// far less than joining every row with the classification of every address seen.
const outbound = `c.orig_h IN (SELECT ip FROM det_exfil_inside) AND c.resp_h NOT IN (SELECT ip FROM det_exfil_inside)`;

/**
 * Flows in the window as (ts, end_ts, orig_h, resp_h, resp_p, out_b, in_b). `join` and `where` are
 * constant SQL over `c` keeping only the rows asked for.
 */
function flowsSql(h: DialectHooks, source: Source, where = outbound, join = ''): string {
  if (source === 'http')
    return `SELECT c.ts, c.ts AS end_ts, c.orig_h, c.resp_h, c.resp_p,
              ${countSql('c.request_body_len')} AS out_b, ${countSql('c.response_body_len')} AS in_b
            FROM http c ${join}
            WHERE NOT coalesce(c.is_open, false) AND c.ts IS NOT NULL AND ${h.window('c.ts')} AND ${where}`;
  const end = `c.ts + to_microseconds(CAST(least(${secondsSql('c.duration')}, 31536000) * 1e6 AS BIGINT))`;
  const out = payload('orig_bytes', 'orig_ip_bytes');
  const inb = payload('resp_bytes', 'resp_ip_bytes');
  // A connection still open at the end of the logs has only open_conn snapshots (cumulative): the
  // latest one counts, unless the closed record arrived.
  return `SELECT c.ts, ${end} AS end_ts, c.orig_h, c.resp_h, c.resp_p, ${out} AS out_b, ${inb} AS in_b
          FROM conn c ${join}
          WHERE NOT coalesce(c.is_open, false) AND c.ts IS NOT NULL AND ${h.window('c.ts')} AND ${where}
          UNION ALL
          SELECT min(c.ts), max(${end}), c.orig_h, c.resp_h, min(c.resp_p), max(${out}), max(${inb})
          FROM conn c ${join}
          WHERE coalesce(c.is_open, false) AND c.uid IS NOT NULL AND c.ts IS NOT NULL AND ${h.window('c.ts')} AND ${where}
            AND c.uid NOT IN (SELECT uid FROM conn WHERE NOT coalesce(is_open, false) AND uid IS NOT NULL
                                AND uid IN (SELECT uid FROM conn WHERE coalesce(is_open, false)))
          GROUP BY c.uid, c.orig_h, c.resp_h`;
}

const nameSql = hostSql;
// IP literals in Host headers name nothing the address does not already say.
const isNameSql = (column: string) =>
  `(${column} <> '' AND NOT regexp_full_match(${column}, '[0-9.]+') AND NOT ${column} LIKE '[%' AND NOT ${column} LIKE '%:%')`;

async function sourceOf(s: AnalyticsSession, win: SqlParams): Promise<Source | null> {
  const r = await s.objects(
    `SELECT EXISTS (SELECT 1 FROM conn WHERE ${s.hooks.window()}) AS c, EXISTS (SELECT 1 FROM http WHERE ${s.hooks.window()}) AS h`,
    win,
  );
  const row = r[0];
  return row?.['c'] ? 'conn' : row?.['h'] ? 'http' : null;
}

/** The exfiltration aggregates in DuckDB's SQL. */
export const duckdbExfiltration: ExfiltrationSql = {
  async exfilCandidates(s, opts): Promise<ExfilCandidates> {
    await s.settle();
    const win = s.hooks.windowParams(opts);
    const source = await sourceOf(s, win);
    if (!source) return { source: 'none', internalHosts: 0, candidates: [], hosts: [] };
    await s.classify(opts.internal);
    try {
      await s.run(`CREATE OR REPLACE TEMP TABLE det_exfil_inside AS SELECT ip FROM det_class WHERE internal`);
      // Only connections that each carried a real upload are grouped (a filter the scan applies
      // itself), which keeps the hash table small; the candidates' totals then count everything.
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_exfil_up AS
           SELECT orig_h, resp_h, sum(out_b) AS up, sum(in_b) AS down
           FROM (${flowsSql(s.hooks, source, `c.${sent[source]} >= $piece AND ${outbound}`)})
           WHERE out_b >= $piece GROUP BY orig_h, resp_h`,
        { ...win, piece: opts.minConnectionBytes ?? 10e3 },
      );
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_exfil_pairs AS
           SELECT orig_h, resp_h, hash(orig_h, resp_h) AS k, r.n AS reach FROM det_exfil_up
             JOIN (SELECT resp_h, count(*) AS n FROM det_exfil_up GROUP BY resp_h) r USING (resp_h)
           WHERE up >= $min AND up > $share * (up + down) ORDER BY up DESC, orig_h, resp_h LIMIT $limit`,
        { min: opts.minBytes, share: opts.minUploadShare ?? 0, limit: opts.limit ?? 5000 },
      );
      const hostsRow = await s.objects(
        `SELECT count(*)::BIGINT AS n FROM (SELECT DISTINCT orig_h FROM ${source} c WHERE ${s.hooks.window('c.ts')})
           WHERE orig_h IN (SELECT ip FROM det_exfil_inside)`,
        win,
      );
      const internalHosts = Number(hostsRow[0]?.['n'] ?? 0);
      const pairs = await jsonRows<PairJson>(s, pairsSql(s.hooks, source), win);
      const names = new Map(
        (await jsonRows<{ o: string; r: string; name: string | null }>(s, namesSql(s.hooks), win)).map(
          (x) => [`${x.o}\u0000${x.r}`, x.name],
        ),
      );
      const hosts = await jsonRows<HostJson>(s, hostsSql(s.hooks, source), win);
      return {
        source,
        internalHosts,
        candidates: pairs
          .map((p) => toCandidate(p, names.get(`${p.o}\u0000${p.r}`) ?? null))
          .sort((a, b) => b.bytesOut - a.bytesOut || a.origH.localeCompare(b.origH)),
        hosts: hosts.map(toHostHours),
      };
    } finally {
      for (const t of ['det_exfil_inside', 'det_exfil_up', 'det_exfil_pairs'])
        await s.run(`DROP TABLE IF EXISTS ${t}`);
    }
  },

  async exfilDomainPrevalence(s, opts) {
    if (opts.domains.length === 0) return [];
    await s.settle();
    await s.classify(opts.internal);
    // Each distinct name (SNI, HTTP Host, DNS query) is matched through its suffixes (up to 6
    // labels) against the asked domains, a hash join instead of a LIKE per row and domain; only
    // then are the rows with a matching name counted by host (most names match none). The names are
    // read twice, so they are materialised once.
    const rows = await jsonRows<{ domain: string; hosts: number }>(
      s,
      `WITH named AS MATERIALIZED (
           SELECT c.orig_h, lower(c.server_name) AS name FROM ssl c
           WHERE c.orig_h IN (SELECT ip FROM det_class WHERE internal) AND c.server_name IS NOT NULL AND ${s.hooks.window('c.ts')}
           UNION ALL
           SELECT c.orig_h, ${nameSql('c.host')} FROM http c
           WHERE c.orig_h IN (SELECT ip FROM det_class WHERE internal) AND c.host IS NOT NULL AND ${s.hooks.window('c.ts')}
           UNION ALL
           -- Behind a local resolver this counts the resolver once; clients asking directly count each.
           SELECT c.orig_h, lower(c.query) FROM dns c
           WHERE c.orig_h IN (SELECT ip FROM det_class WHERE internal) AND c.query IS NOT NULL AND ${s.hooks.window('c.ts')}),
         hits AS (
           SELECT name, domain FROM (
             SELECT name, unnest(list_transform(range(1, least(len(string_split(name, '.')), 6) + 1),
                                                k -> array_to_string(string_split(name, '.')[-k:], '.'))) AS domain
             FROM (SELECT DISTINCT name FROM named))
           JOIN (SELECT DISTINCT unnest($domains) AS domain) d USING (domain))
         SELECT coalesce(to_json(list({domain: domain, hosts: n}))::VARCHAR, '[]') FROM (
           SELECT h.domain, count(DISTINCT n.orig_h) AS n FROM named n JOIN hits h USING (name)
           GROUP BY h.domain)`,
      { ...s.hooks.windowParams(opts), domains: [...opts.domains] },
      { domains: 'varchar[]' },
    );
    return rows.map((x) => ({ domain: x.domain, hosts: Number(x.hosts) }));
  },
};

/** Per candidate pair: totals, ports by bytes, hourly bytes and the size spread of its big connections. */
function pairsSql(h: DialectHooks, source: Source): string {
  // Hashed pair keys are a cheap filter on every row; the join below drops any colliding pair.
  const pair = 'hash(c.orig_h, c.resp_h) IN (SELECT k FROM det_exfil_pairs)';
  return `WITH f AS (SELECT * FROM (${flowsSql(h, source, pair)})),
    hourly AS (
      SELECT orig_h, resp_h, list(h ORDER BY h) AS hs, list(b ORDER BY h) AS bs FROM (
        SELECT orig_h, resp_h, (epoch_us(ts) // 3600000000) * 3600 AS h, sum(out_b) AS b FROM f GROUP BY ALL)
      WHERE b > 0 GROUP BY ALL),
    ports AS (
      SELECT orig_h, resp_h, list(resp_p ORDER BY b DESC, resp_p) AS ports FROM (
        SELECT orig_h, resp_h, resp_p, sum(out_b) AS b FROM f WHERE resp_p IS NOT NULL GROUP BY ALL)
      GROUP BY ALL),
    totals AS (
      SELECT orig_h, resp_h, count(*) AS n, sum(out_b) AS out_b, sum(in_b) AS in_b, min(ts) AS first,
             max(end_ts) AS last, count(*) FILTER (WHERE out_b >= 1000000) AS chunks,
             quantile_cont(out_b, [0.1, 0.5, 0.9]) FILTER (WHERE out_b >= 1000000) AS q
      FROM f GROUP BY ALL)
    SELECT coalesce(to_json(list({o: t.orig_h, r: t.resp_h, n: t.n, out: t.out_b, inb: t.in_b,
             f: ${h.iso('t.first')}, l: ${h.iso('t.last')}, hs: coalesce(h.hs, []), bs: coalesce(h.bs, []),
             ports: coalesce(p.ports, []), prev: d.reach, chunks: t.chunks, q: t.q}))::VARCHAR, '[]')
    FROM totals t JOIN det_exfil_pairs d USING (orig_h, resp_h)
      LEFT JOIN hourly h USING (orig_h, resp_h) LEFT JOIN ports p USING (orig_h, resp_h)`;
}

/** The hourly outbound of the candidates' hosts, to every external address; 0 in hours with traffic but no upload. */
function hostsSql(h: DialectHooks, source: Source): string {
  return `SELECT coalesce(to_json(list({h: orig_h, hs: hs, bs: bs}))::VARCHAR, '[]') FROM (
    SELECT orig_h, list(h ORDER BY h) AS hs, list(b ORDER BY h) AS bs FROM (
      SELECT orig_h, (epoch_us(ts) // 3600000000) * 3600 AS h, sum(out_b) AS b
      FROM (${flowsSql(h, source, `c.orig_h IN (SELECT orig_h FROM det_exfil_pairs) AND c.resp_h NOT IN (SELECT ip FROM det_exfil_inside)`)})
      GROUP BY ALL)
    GROUP BY orig_h)`;
}

/** The candidates' server names: SNI or Host the host used for it, else what DNS answered with it. */
const namesSql = (h: DialectHooks) => `WITH named AS (
    SELECT c.orig_h, c.resp_h, lower(c.server_name) AS name FROM ssl c JOIN det_exfil_pairs USING (orig_h, resp_h)
    WHERE c.server_name IS NOT NULL AND ${h.window('c.ts')}
    UNION ALL
    SELECT c.orig_h, c.resp_h, ${nameSql('c.host')} FROM http c JOIN det_exfil_pairs USING (orig_h, resp_h)
    WHERE c.host IS NOT NULL AND ${h.window('c.ts')}),
  used AS (
    SELECT orig_h, resp_h, list(name ORDER BY k DESC, name)[1] AS name FROM (
      SELECT orig_h, resp_h, name, count(*) AS k FROM named WHERE ${isNameSql('name')} GROUP BY ALL)
    GROUP BY ALL),
  answered AS (
    SELECT a AS resp_h, list(name ORDER BY k DESC, name)[1] AS name FROM (
      SELECT a, lower(query) AS name, count(*) AS k FROM (
        SELECT query, unnest(answers) AS a FROM dns c
        WHERE answers IS NOT NULL AND query IS NOT NULL AND query <> '' AND ${h.window('c.ts')})
      WHERE a IN (SELECT resp_h FROM det_exfil_pairs) GROUP BY ALL)
    GROUP BY a)
  SELECT coalesce(to_json(list({o: p.orig_h, r: p.resp_h, name: coalesce(u.name, d.name)}))::VARCHAR, '[]')
  FROM det_exfil_pairs p LEFT JOIN used u USING (orig_h, resp_h) LEFT JOIN answered d ON d.resp_h = p.resp_h`;

interface PairJson {
  o: string;
  r: string;
  n: number;
  out: number;
  inb: number;
  f: string;
  l: string;
  hs: number[];
  bs: number[];
  ports: (number | null)[];
  prev: number;
  chunks: number;
  q: number[] | null;
}

interface HostJson {
  h: string;
  hs: number[];
  bs: number[];
}

function toCandidate(x: PairJson, name: string | null): ExfilCandidate {
  const q = x.q ?? [0, 0, 0];
  return {
    origH: x.o,
    respH: x.r,
    ports: x.ports.filter((p) => p !== null).map(Number),
    name,
    connections: Number(x.n),
    bytesOut: Number(x.out),
    bytesIn: Number(x.inb),
    first: x.f,
    last: x.l,
    hours: x.hs.map(Number),
    hourBytes: x.bs.map(Number),
    prevalence: Number(x.prev),
    chunks: { count: Number(x.chunks), p10: Number(q[0]), p50: Number(q[1]), p90: Number(q[2]) },
  };
}

function toHostHours(x: HostJson): ExfilHostHours {
  return { host: x.h, hours: x.hs.map(Number), hourBytes: x.bs.map(Number) };
}
