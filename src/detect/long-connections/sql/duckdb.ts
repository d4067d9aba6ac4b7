import { jsonRows } from '../../../store/analytics-session.js';
import { countSql, secondsSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';
import { commonServicePortsSql, dynamicPortsFrom } from '../../common-ports.js';
import type { LongConnectionsSql } from '../long-connections-query.js';

interface DurationsJson {
  o: string;
  r: string;
  ports: number[];
  n: number;
  longest: number;
  total: number;
  open: number;
  out: number;
  inb: number;
  f: string;
  l: string;
  prev: number;
}

/** The long-connections aggregates in DuckDB's SQL. */
export const duckdbLongConnections: LongConnectionsSql = {
  async connectionDurations(s, opts) {
    await s.settle();
    await s.classify(opts.internal);
    // An open connection (open_conn, or one Zeek has not closed yet) counts with the time seen so far.
    const rows = await jsonRows<DurationsJson>(
      s,
      `SELECT coalesce(to_json(list({o: orig_h, r: resp_h, ports: ports, n: n, longest: longest, total: total,
                open: open_n, out: bytes_out, inb: bytes_in, f: first, l: last, prev: prev}))::VARCHAR, '[]') AS j
       FROM (
         SELECT orig_h, resp_h, list(DISTINCT resp_p ORDER BY resp_p) AS ports, count(*) AS n,
                max(${secondsSql('duration')}) AS longest, sum(${secondsSql('duration')}) AS total,
                count(*) FILTER (WHERE coalesce(is_open, false)) AS open_n,
                sum(${countSql('orig_bytes')}) AS bytes_out, sum(${countSql('resp_bytes')}) AS bytes_in,
                strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS first,
                strftime(max(ts + to_microseconds((${secondsSql('duration')} * 1e6)::BIGINT)), '%Y-%m-%dT%H:%M:%S.%gZ') AS last
         FROM conn c
           -- Qualifying pairs first, from the two columns that decide it; the rest only for them.
           JOIN (SELECT orig_h, resp_h FROM conn WHERE ${s.hooks.window()} GROUP BY orig_h, resp_h
                 HAVING max(${secondsSql('duration')}) >= $minLongest OR sum(${secondsSql('duration')}) >= $minTotal) q
             USING (orig_h, resp_h)
           JOIN det_class o ON o.ip = c.orig_h AND o.internal
           JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
         WHERE ${s.hooks.window('c.ts')}
         GROUP BY orig_h, resp_h)
       -- How many internal hosts reach each of these servers at all (chat and meeting services: most).
       JOIN (SELECT c.resp_h, count(DISTINCT c.orig_h) AS prev FROM conn c
               JOIN det_class o ON o.ip = c.orig_h AND o.internal
             WHERE ${s.hooks.window('c.ts')} GROUP BY c.resp_h) USING (resp_h)`,
      { ...s.hooks.windowParams(opts), minLongest: opts.minLongest, minTotal: opts.minTotal },
    );
    return rows.map((x) => ({
      origH: x.o,
      respH: x.r,
      ports: x.ports.filter((p) => p !== null).map(Number),
      connections: Number(x.n),
      longest: Number(x.longest),
      total: Number(x.total),
      open: Number(x.open),
      bytesOut: Number(x.out),
      bytesIn: Number(x.inb),
      first: x.f,
      last: x.l,
      prevalence: Number(x.prev),
    }));
  },

  async portSessions(s, opts) {
    await s.settle();
    await s.classify(opts.internal);
    // One row per connection first: a connection still open is logged as repeated open_conn
    // snapshots, whose latest (longest) duration counts.
    const rows = await jsonRows<Record<string, string | number>>(
      s,
      `WITH outbound AS (
           SELECT c.orig_h, c.resp_h, c.resp_p, c.proto, c.uid, c.ts, c.duration, c.is_open, c.orig_bytes, c.resp_bytes
           FROM conn c
             JOIN det_class o ON o.ip = c.orig_h AND o.internal
             JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
           WHERE ${s.hooks.window('c.ts')}),
         sessions AS (
           SELECT orig_h, resp_h, resp_p, min(ts) AS ts, max(${secondsSql('duration')}) AS d,
                  bool_and(coalesce(is_open, false)) AS still_open,
                  max(${countSql('orig_bytes')}) AS out_b, max(${countSql('resp_bytes')}) AS in_b
           FROM outbound WHERE lower(proto) = 'tcp' AND resp_p IS NOT NULL
           GROUP BY orig_h, resp_h, resp_p, coalesce(uid, ts::VARCHAR)
           HAVING max(${secondsSql('duration')}) >= $minLongest),
         pairs AS (
           SELECT orig_h, resp_h, resp_p, count(*) AS n, max(d) AS longest, sum(d) AS total,
                  count(*) FILTER (WHERE still_open) AS open_n, sum(out_b) AS out_b, sum(in_b) AS in_b,
                  min(ts) AS first, max(ts + to_microseconds((d * 1e6)::BIGINT)) AS last
           FROM sessions GROUP BY ALL),
         hosts AS (
           SELECT c.orig_h, count(DISTINCT c.resp_h) AS peers FROM outbound c
           WHERE c.orig_h IN (SELECT orig_h FROM pairs) AND NOT (lower(c.proto) = 'udp' AND c.resp_p IN (53, 123))
           GROUP BY c.orig_h),
         inside AS (
           SELECT c.orig_h, count(DISTINCT c.resp_h) AS peers FROM conn c
             JOIN det_class r ON r.ip = c.resp_h AND r.internal
           WHERE ${s.hooks.window('c.ts')} AND c.orig_h IN (SELECT orig_h FROM pairs)
           GROUP BY c.orig_h),
         ports AS (
           SELECT resp_p, count(DISTINCT orig_h) AS n FROM outbound
           WHERE lower(proto) = 'tcp' AND resp_p IN (SELECT resp_p FROM pairs) GROUP BY resp_p),
         servers AS (
           SELECT resp_h, count(DISTINCT orig_h) AS n FROM outbound
           WHERE resp_h IN (SELECT resp_h FROM pairs) GROUP BY resp_h)
         SELECT coalesce(to_json(list({o: p.orig_h, r: p.resp_h, port: p.resp_p, n: p.n, longest: p.longest,
                  total: p.total, open: p.open_n, out: p.out_b, inb: p.in_b,
                  f: ${s.hooks.iso('p.first')}, l: ${s.hooks.iso('p.last')}, ph: ports.n, other: h.peers - 1,
                  inside: coalesce(i.peers, 0), prev: s.n}))::VARCHAR, '[]') AS j
         FROM pairs p
           JOIN hosts h USING (orig_h)
           JOIN ports USING (resp_p)
           JOIN servers s USING (resp_h)
           LEFT JOIN inside i USING (orig_h)
         WHERE (NOT list_contains(${commonServicePortsSql}, p.resp_p) AND p.resp_p < ${dynamicPortsFrom})
            OR h.peers - 1 <= $maxOther`,
      {
        ...s.hooks.windowParams(opts),
        minLongest: opts.minLongest,
        maxOther: opts.maxOtherExternal,
      },
    );
    return rows.map((x) => ({
      origH: String(x['o']),
      respH: String(x['r']),
      port: Number(x['port']),
      sessions: Number(x['n']),
      longest: Number(x['longest']),
      total: Number(x['total']),
      open: Number(x['open']),
      bytesOut: Number(x['out']),
      bytesIn: Number(x['inb']),
      first: String(x['f']),
      last: String(x['l']),
      portHosts: Number(x['ph']),
      otherExternal: Number(x['other']),
      internalPeers: Number(x['inside']),
      prevalence: Number(x['prev']),
    }));
  },
};
