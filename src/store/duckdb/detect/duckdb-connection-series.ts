import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ConnectionDurations,
  ConnectionSeries,
  ConnectionSeriesOptions,
  DetectStore,
} from '../../detect-store.js';

const window = `($from::TIMESTAMP IS NULL OR ts >= $from::TIMESTAMP) AND ($to::TIMESTAMP IS NULL OR ts <= $to::TIMESTAMP)`;

/** Detector aggregates over the DuckDB tables. */
export class DuckDBDetectStore implements DetectStore {
  constructor(
    private readonly conn: DuckDBConnection,
    /** Makes pending ingest batches visible first. */
    private readonly settle: () => Promise<void>,
  ) {}

  async connectionSeries(opts: ConnectionSeriesOptions): Promise<ConnectionSeries[]> {
    await this.settle();
    const params = { from: opts.from ?? null, to: opts.to ?? null, min: opts.minConnections };
    // Names per responder address: what the originator asked for (SNI, Host) or resolved (DNS answers).
    const r = await this.conn.runAndReadAll(
      `WITH c AS (
         SELECT orig_h, resp_h, resp_p, ts, coalesce(orig_bytes, 0) AS ob, coalesce(resp_bytes, 0) AS rb
         FROM conn WHERE NOT coalesce(is_open, false) AND orig_h IS NOT NULL AND resp_h IS NOT NULL AND ${window}
       ),
       pairs AS (
         SELECT orig_h, resp_h, count(*) AS n, list(epoch(ts) ORDER BY ts) AS times, list(ob ORDER BY ts) AS obs,
                sum(ob) AS bytes_out, sum(rb) AS bytes_in, min(ts) AS first, max(ts) AS last,
                list(resp_p) AS ports
         FROM c GROUP BY orig_h, resp_h HAVING count(*) >= $min
       ),
       prevalence AS (SELECT resp_h, count(DISTINCT orig_h) AS p FROM c GROUP BY resp_h),
       names AS (
         SELECT orig_h, resp_h, list(name ORDER BY k DESC) AS names FROM (
           SELECT orig_h, resp_h, lower(server_name) AS name, count(*) AS k FROM ssl
             WHERE server_name IS NOT NULL AND ${window} GROUP BY ALL
           UNION ALL
           SELECT orig_h, resp_h, lower(split_part(host, ':', 1)), count(*) FROM http
             WHERE host IS NOT NULL AND ${window} GROUP BY ALL)
         GROUP BY orig_h, resp_h
       )
       SELECT to_json(list({
         o: p.orig_h, r: p.resp_h, n: p.n, t: p.times, b: p.obs, out: p.bytes_out, inb: p.bytes_in,
         f: strftime(p.first, '%Y-%m-%dT%H:%M:%S.%gZ'), l: strftime(p.last, '%Y-%m-%dT%H:%M:%S.%gZ'),
         ports: p.ports, names: coalesce(nm.names, []), prev: pr.p}))::VARCHAR AS j
       FROM pairs p JOIN prevalence pr USING (resp_h) LEFT JOIN names nm USING (orig_h, resp_h)`,
      params,
    );
    const rows = JSON.parse(String(r.getRows()[0]?.[0] ?? 'null') || 'null') as
      | {
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
        }[]
      | null;
    return (rows ?? []).map((x) => ({
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
    }));
  }

  async connectionDurations(opts: {
    readonly minLongest: number;
    readonly minTotal: number;
    readonly from?: string;
    readonly to?: string;
  }): Promise<ConnectionDurations[]> {
    await this.settle();
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
         FROM conn WHERE orig_h IS NOT NULL AND resp_h IS NOT NULL AND ${window}
         GROUP BY orig_h, resp_h
         HAVING max(coalesce(duration, 0)) >= $minLongest OR sum(coalesce(duration, 0)) >= $minTotal)`,
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

  async originatorCount(opts: { from?: string; to?: string }): Promise<number> {
    await this.settle();
    const r = await this.conn.runAndReadAll(
      `SELECT count(DISTINCT orig_h)::BIGINT AS n FROM conn WHERE ${window}`,
      {
        from: opts.from ?? null,
        to: opts.to ?? null,
      },
    );
    return Number(r.getRowObjectsJson()[0]?.['n'] ?? 0);
  }
}

function byFrequency(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null) counts.set(Number(v), (counts.get(Number(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}
