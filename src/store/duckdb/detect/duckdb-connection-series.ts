import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ConnectionAggregates,
  ConnectionDurations,
  ConnectionSeries,
  ConnectionSeriesOptions,
  NetRange,
} from '../../detect-store.js';
import type { DuckDBDetectContext } from './duckdb-detect-context.js';

const window = `($from::TIMESTAMP IS NULL OR ts >= $from::TIMESTAMP) AND ($to::TIMESTAMP IS NULL OR ts <= $to::TIMESTAMP)`;

/** The connection aggregates (series, durations) over the DuckDB tables. */
export class DuckDBConnectionAggregates implements ConnectionAggregates {
  private readonly conn: DuckDBConnection;
  private readonly settle: () => Promise<void>;
  private readonly classify: (internal: readonly NetRange[]) => Promise<void>;

  constructor(ctx: DuckDBDetectContext) {
    this.conn = ctx.conn;
    this.settle = ctx.settle;
    this.classify = ctx.classify;
  }

  async *connectionSeries(opts: ConnectionSeriesOptions): AsyncGenerator<ConnectionSeries[]> {
    await this.settle();
    const params = { from: opts.from ?? null, to: opts.to ?? null, min: opts.minConnections };
    await this.classify(opts.internal);
    // Which outbound pairs have enough connections: a count per pair, no lists yet.
    await this.conn.run(
      `CREATE OR REPLACE TEMP TABLE det_pairs AS
       SELECT row_number() OVER (ORDER BY orig_h, resp_h) AS k, orig_h, resp_h, n, p FROM (
         SELECT c.orig_h, c.resp_h, count(*) AS n FROM conn c
           JOIN det_class o ON o.ip = c.orig_h AND o.internal JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
         WHERE NOT coalesce(c.is_open, false) AND ${window.replaceAll('ts', 'c.ts')}
         GROUP BY ALL HAVING count(*) >= $min)
       JOIN (SELECT c.resp_h, count(DISTINCT c.orig_h) AS p FROM conn c
               JOIN det_class o ON o.ip = c.orig_h AND o.internal
             WHERE ${window.replaceAll('ts', 'c.ts')} GROUP BY c.resp_h) USING (resp_h)`,
      params,
    );
    const total = Number(
      (await this.conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM det_pairs`)).getRowObjectsJson()[0]?.[
        'n'
      ] ?? 0,
    );
    const page = opts.pageSize ?? 2000;
    try {
      for (let from = 1; from <= total; from += page) {
        const r = await this.conn.runAndReadAll(
          `WITH pg AS (SELECT * FROM det_pairs WHERE k >= $lo AND k < $hi),
           series AS (
             SELECT c.orig_h, c.resp_h, list(epoch(c.ts) ORDER BY c.ts) AS times,
                    list(coalesce(c.orig_bytes, 0) ORDER BY c.ts) AS obs,
                    sum(coalesce(c.orig_bytes, 0)) AS bytes_out, sum(coalesce(c.resp_bytes, 0)) AS bytes_in,
                    min(c.ts) AS first, max(c.ts) AS last, list(c.resp_p) AS ports
             FROM conn c JOIN pg USING (orig_h, resp_h)
             WHERE NOT coalesce(c.is_open, false) AND ${window.replaceAll('ts', 'c.ts')}
             GROUP BY c.orig_h, c.resp_h
           ),
           names AS (
             SELECT orig_h, resp_h, list(name ORDER BY k DESC) AS names FROM (
               SELECT s.orig_h, s.resp_h, lower(s.server_name) AS name, count(*) AS k FROM ssl s JOIN pg USING (orig_h, resp_h)
                 WHERE s.server_name IS NOT NULL GROUP BY ALL
               UNION ALL
               SELECT h.orig_h, h.resp_h, lower(split_part(h.host, ':', 1)), count(*) FROM http h JOIN pg USING (orig_h, resp_h)
                 WHERE h.host IS NOT NULL GROUP BY ALL)
             GROUP BY orig_h, resp_h
           )
           SELECT coalesce(to_json(list({
             o: s.orig_h, r: s.resp_h, n: pg.n, t: s.times, b: s.obs, out: s.bytes_out, inb: s.bytes_in,
             f: strftime(s.first, '%Y-%m-%dT%H:%M:%S.%gZ'), l: strftime(s.last, '%Y-%m-%dT%H:%M:%S.%gZ'),
             ports: s.ports, names: coalesce(nm.names, []), prev: pg.p}))::VARCHAR, '[]') AS j
           FROM series s JOIN pg USING (orig_h, resp_h) LEFT JOIN names nm USING (orig_h, resp_h)`,
          { from: params.from, to: params.to, lo: from, hi: from + page },
        );
        const rows = JSON.parse(String(r.getRows()[0]?.[0] ?? '[]')) as SeriesJson[];
        yield rows.map(toSeries);
      }
    } finally {
      await this.conn.run(`DROP TABLE IF EXISTS det_pairs`);
    }
  }

  async internalOriginators(opts: {
    readonly internal: readonly NetRange[];
    readonly from?: string;
    readonly to?: string;
  }): Promise<number> {
    await this.settle();
    await this.classify(opts.internal);
    const r = await this.conn.runAndReadAll(
      `SELECT count(*)::BIGINT AS n FROM det_class WHERE internal AND ip IN (SELECT DISTINCT orig_h FROM conn WHERE ${window})`,
      { from: opts.from ?? null, to: opts.to ?? null },
    );
    return Number(r.getRowObjectsJson()[0]?.['n'] ?? 0);
  }

  async connectionDurations(opts: {
    readonly internal: readonly NetRange[];
    readonly minLongest: number;
    readonly minTotal: number;
    readonly from?: string;
    readonly to?: string;
  }): Promise<ConnectionDurations[]> {
    await this.settle();
    await this.classify(opts.internal);
    // An open connection (open_conn, or one Zeek has not closed yet) counts with the time seen so far.
    const r = await this.conn.runAndReadAll(
      `SELECT coalesce(to_json(list({o: orig_h, r: resp_h, ports: ports, n: n, longest: longest, total: total,
                open: open_n, out: bytes_out, inb: bytes_in, f: first, l: last}))::VARCHAR, '[]') AS j
       FROM (
         SELECT orig_h, resp_h, list(DISTINCT resp_p) AS ports, count(*) AS n,
                max(coalesce(duration, 0)) AS longest, sum(coalesce(duration, 0)) AS total,
                count(*) FILTER (WHERE coalesce(is_open, false)) AS open_n,
                sum(coalesce(orig_bytes, 0)) AS bytes_out, sum(coalesce(resp_bytes, 0)) AS bytes_in,
                strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS first,
                strftime(max(ts + to_microseconds((coalesce(duration, 0) * 1e6)::BIGINT)), '%Y-%m-%dT%H:%M:%S.%gZ') AS last
         FROM conn c
           -- Qualifying pairs first, from the two columns that decide it; the rest only for them.
           JOIN (SELECT orig_h, resp_h FROM conn WHERE ${window} GROUP BY orig_h, resp_h
                 HAVING max(coalesce(duration, 0)) >= $minLongest OR sum(coalesce(duration, 0)) >= $minTotal) q
             USING (orig_h, resp_h)
           JOIN det_class o ON o.ip = c.orig_h AND o.internal
           JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
         WHERE ${window.replaceAll('ts', 'c.ts')}
         GROUP BY orig_h, resp_h)`,
      { from: opts.from ?? null, to: opts.to ?? null, minLongest: opts.minLongest, minTotal: opts.minTotal },
    );
    const rows = JSON.parse(String(r.getRows()[0]?.[0] ?? '[]')) as {
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
    }[];
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
    }));
  }
}

interface SeriesJson {
  o: string;
  r: string;
  n: number;
  t: number[];
  b: number[];
  out: number;
  inb: number;
  f: string;
  l: string;
  ports: number[];
  names: string[];
  prev: number;
}

function toSeries(x: SeriesJson): ConnectionSeries {
  return {
    origH: x.o,
    respH: x.r,
    ports: byFrequency(x.ports),
    names: [...new Set(x.names)],
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
