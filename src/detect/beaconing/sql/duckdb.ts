import { jsonRows } from '../../../store/analytics-session.js';
import { commonServicePortsSql } from '../../common-ports.js';
import type { BeaconingSql, ConnectionSeries } from '../beaconing-query.js';
import { buildEvents } from './duckdb-events.js';

/** The beaconing aggregates (connection series, watched hours) in DuckDB's SQL. */
export const duckdbBeaconing: BeaconingSql = {
  async *connectionSeries(s, opts) {
    await s.settle();
    const params = { ...s.hooks.windowParams(opts), min: opts.minConnections };
    await s.classify(opts.internal);
    try {
      await buildEvents(s, s.hooks.windowParams(opts));
      // Candidate series: per address; per name when the name spans addresses or a proxy; per
      // uncommon port when a host reaches several addresses on a port few hosts use (C2 lists of raw
      // IPs rotate addresses but keep the port).
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_pairs AS
         WITH hosts AS (SELECT count(DISTINCT orig_h) AS h FROM det_ev),
         rare_ports AS (
           SELECT port FROM (SELECT port_key AS port, count(DISTINCT orig_h) AS p FROM det_ev
                             WHERE ext AND resp_p IS NOT NULL AND NOT list_contains(${commonServicePortsSql}, resp_p) GROUP BY ALL)
           WHERE p <= greatest(2, 0.05 * (SELECT h FROM hosts)))
         SELECT row_number() OVER (ORDER BY kind, orig_h, server) AS k, * FROM (
           SELECT 'ip' AS kind, orig_h, resp_h AS server, count(*) AS n FROM det_ev WHERE ext
             GROUP BY orig_h, resp_h HAVING count(*) >= $min
           UNION ALL
           SELECT 'name', orig_h, name, count(*) FROM det_ev WHERE name IS NOT NULL
             GROUP BY orig_h, name
             HAVING count(*) >= $min AND (count(DISTINCT resp_h) FILTER (WHERE ext) >= 2 OR bool_or(NOT ext))
           UNION ALL
           SELECT 'port', orig_h, port_key, count(*) FROM det_ev
             WHERE ext AND port_key IN (SELECT port FROM rare_ports)
             GROUP BY ALL HAVING count(*) >= $min AND count(DISTINCT resp_h) >= 2)
         JOIN (SELECT 'ip' AS kind, resp_h AS server, count(DISTINCT orig_h) AS p FROM det_ev WHERE ext GROUP BY resp_h
               UNION ALL
               SELECT 'name', name, count(DISTINCT orig_h) FROM det_ev WHERE name IS NOT NULL GROUP BY name
               UNION ALL
               SELECT 'port', port_key, count(DISTINCT orig_h) FROM det_ev WHERE ext GROUP BY ALL)
           USING (kind, server)
         WHERE $maxPrev::BIGINT IS NULL OR p <= $maxPrev::BIGINT`,
        { min: params.min, maxPrev: opts.maxPrevalence ?? null },
      );
      const total = Number((await s.objects(`SELECT count(*)::BIGINT AS n FROM det_pairs`))[0]?.['n'] ?? 0);
      // Every candidate's events, tagged with its key and stored in key order, so each page reads
      // only its own row groups instead of joining the whole event table again.
      await s.run(
        `CREATE OR REPLACE TEMP TABLE det_pev AS
         SELECT * FROM (
           SELECT p.k, e.ts, e.ob, e.rb, e.resp_p, e.resp_h, e.ext, e.name FROM det_pairs p
             JOIN det_ev e ON e.orig_h = p.orig_h AND e.resp_h = p.server AND e.ext WHERE p.kind = 'ip'
           UNION ALL
           SELECT p.k, e.ts, e.ob, e.rb, e.resp_p, e.resp_h, e.ext, e.name FROM det_pairs p
             JOIN det_ev e ON e.orig_h = p.orig_h AND e.name = p.server WHERE p.kind = 'name'
           UNION ALL
           SELECT p.k, e.ts, e.ob, e.rb, e.resp_p, e.resp_h, e.ext, e.name FROM det_pairs p
             JOIN det_ev e ON e.orig_h = p.orig_h AND e.port_key = p.server AND e.ext WHERE p.kind = 'port')
         ORDER BY k, ts`,
      );
      await s.run(`DROP TABLE det_ev`);
      const page = opts.pageSize ?? 4000;
      for (let lo = 1; lo <= total; lo += page) {
        const rows = await jsonRows<SeriesJson>(
          s,
          `WITH pg AS (SELECT * FROM det_pairs WHERE k >= $lo AND k < $hi),
           ev AS (SELECT * FROM det_pev WHERE k >= $lo AND k < $hi),
           series AS (
             SELECT k, list_sort(list({t: epoch(ts), b: ob})) AS tb,
                    sum(ob) AS bytes_out, sum(rb) AS bytes_in, min(ts) AS first, max(ts) AS last,
                    list(resp_p) AS ports
             FROM ev GROUP BY k
           ),
           names AS (
             SELECT k, list_transform(list_sort(list({c: -c, v: name})), x -> x.v) AS names FROM (
               SELECT k, name, count(*) AS c FROM ev WHERE name IS NOT NULL GROUP BY ALL) GROUP BY k
           ),
           ips AS (
             SELECT k, list_transform(list_sort(list({c: -c, v: resp_h}) FILTER (WHERE ext)), x -> x.v) AS ips,
                    list_transform(list_sort(list({c: -c, v: resp_h}) FILTER (WHERE NOT ext)), x -> x.v) AS proxies FROM (
               SELECT k, resp_h, ext, count(*) AS c FROM ev GROUP BY ALL) GROUP BY k
           )
           SELECT coalesce(to_json(list({
             kind: pg.kind, o: pg.orig_h, key: pg.server, n: pg.n, t: list_transform(s.tb, x -> x.t),
             b: list_transform(s.tb, x -> x.b), out: s.bytes_out,
             inb: s.bytes_in, f: ${s.hooks.iso('s.first')}, l: ${s.hooks.iso('s.last')}, ports: s.ports,
             names: coalesce(nm.names, []), ips: coalesce(i.ips, []), proxies: coalesce(i.proxies, []),
             prev: pg.p}))::VARCHAR, '[]') AS j
           FROM series s JOIN pg USING (k) LEFT JOIN names nm USING (k) LEFT JOIN ips i USING (k)`,
          { lo, hi: lo + page },
        );
        yield rows.map(toSeries);
      }
    } finally {
      await s.run(
        `DROP TABLE IF EXISTS det_pairs; DROP TABLE IF EXISTS det_ev; DROP TABLE IF EXISTS det_pev`,
      );
    }
  },

  async activeHours(s, opts) {
    await s.settle();
    const window = s.hooks.window();
    const hour = (t: string) => `SELECT DISTINCT date_trunc('hour', ts) AS h FROM ${t} WHERE ${window}`;
    const r = await s.objects(
      `SELECT count(*)::BIGINT AS n FROM (${hour('conn')} UNION ${hour('ssl')} UNION ${hour('http')})`,
      s.hooks.windowParams(opts),
    );
    return Number(r[0]?.['n'] ?? 0);
  },
};

interface SeriesJson {
  kind: 'ip' | 'name' | 'port';
  o: string;
  key: string;
  n: number;
  t: number[];
  b: number[];
  out: number;
  inb: number;
  f: string;
  l: string;
  ports: number[];
  names: string[];
  ips: string[];
  proxies: string[];
  prev: number;
}

function toSeries(x: SeriesJson): ConnectionSeries {
  const names = x.kind === 'name' ? [x.key, ...x.names.filter((n) => n !== x.key)] : x.names;
  return {
    origH: x.o,
    keyedBy: x.kind,
    port: x.kind === 'port' ? x.key : null,
    ips: x.kind === 'ip' ? [x.key] : x.ips,
    names,
    proxies: x.proxies,
    ports: byFrequency(x.ports),
    connections: Number(x.n),
    times: x.t.map(Number),
    origBytes: x.b.map(Number),
    bytesOut: Number(x.out),
    bytesIn: Number(x.inb),
    first: x.f,
    last: x.l,
    prevalence: Number(x.prev),
  };
}

function byFrequency(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null) counts.set(Number(v), (counts.get(Number(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}
