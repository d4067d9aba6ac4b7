import type { DuckDBConnection } from '@duckdb/node-api';
import { commonServicePortsSql } from '../../../detect/common-ports.js';
import type { IpRange } from '../../../net/ip-range.js';
import type {
  ConnectionAggregates,
  ConnectionDurations,
  ConnectionSeries,
  ConnectionSeriesOptions,
  PortFanOut,
  PortFanOutOptions,
  TelemetryWindow,
} from '../../detect-store.js';
import { httpHostSql } from '../../sql/duckdb/duckdb-host-sql.js';
import { countSql, secondsSql } from '../../sql/duckdb/duckdb-safe-values.js';
import { type DuckDBDetectContext, isoSql, windowParams, windowSql } from './duckdb-detect-context.js';

const window = windowSql();

/** The connection aggregates (series, durations) over the DuckDB tables. */
export class DuckDBConnectionAggregates implements ConnectionAggregates {
  private readonly conn: DuckDBConnection;
  private readonly settle: () => Promise<void>;
  private readonly classify: (internal: readonly IpRange[]) => Promise<void>;

  constructor(ctx: DuckDBDetectContext) {
    this.conn = ctx.conn;
    this.settle = ctx.settle;
    this.classify = ctx.classify;
  }

  async *connectionSeries(opts: ConnectionSeriesOptions): AsyncGenerator<ConnectionSeries[]> {
    await this.settle();
    const params = { ...windowParams(opts), min: opts.minConnections };
    await this.classify(opts.internal);
    try {
      await this.buildEvents(windowParams(opts));
      // Candidate series: per address; per name when the name spans addresses or a proxy; per
      // uncommon port when a host reaches several addresses on a port few hosts use (C2 lists of raw
      // IPs rotate addresses but keep the port).
      await this.conn.run(
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
      const total = Number(
        (
          await this.conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM det_pairs`)
        ).getRowObjectsJson()[0]?.['n'] ?? 0,
      );
      // Every candidate's events, tagged with its key and stored in key order, so each page reads
      // only its own row groups instead of joining the whole event table again.
      await this.conn.run(
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
      await this.conn.run(`DROP TABLE det_ev`);
      const page = opts.pageSize ?? 4000;
      for (let lo = 1; lo <= total; lo += page) {
        const r = await this.conn.runAndReadAll(
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
             inb: s.bytes_in, f: ${isoSql('s.first')}, l: ${isoSql('s.last')}, ports: s.ports,
             names: coalesce(nm.names, []), ips: coalesce(i.ips, []), proxies: coalesce(i.proxies, []),
             prev: pg.p}))::VARCHAR, '[]') AS j
           FROM series s JOIN pg USING (k) LEFT JOIN names nm USING (k) LEFT JOIN ips i USING (k)`,
          { lo, hi: lo + page },
        );
        const rows = JSON.parse(String(r.getRows()[0]?.[0] ?? '[]')) as SeriesJson[];
        yield rows.map(toSeries);
      }
    } finally {
      await this.conn.run(
        `DROP TABLE IF EXISTS det_pairs; DROP TABLE IF EXISTS det_ev; DROP TABLE IF EXISTS det_pev`,
      );
    }
  }

  /**
   * One row per outbound connection of an internal host (`det_ev`), with the server's name: SNI or
   * HTTP Host of the same connection, else the name this host (or, failing that, any host) looked up
   * and got the address back for. HTTP and TLS records of a sensor that logged no connections (http
   * and ssl logs without conn.log) are events of their own, and so are requests through an internal proxy, which name the true server.
   */
  private async buildEvents(params: ReturnType<typeof windowParams>): Promise<void> {
    const w = (t: string) => windowSql(`${t}.ts`);
    await this.conn.run(
      `CREATE OR REPLACE TEMP TABLE det_app AS
       SELECT a.*, r.internal AS resp_internal FROM (
         SELECT uid, sensor, orig_h, resp_h, resp_p, ts, nullif(rtrim(lower(server_name), '.'), '') AS name,
                NULL::BIGINT AS ob, NULL::BIGINT AS rb, false AS proxied
           FROM ssl s WHERE ${w('s')}
         UNION ALL
         SELECT uid, sensor, orig_h, resp_h, resp_p, ts,
                nullif(${httpHostSql('h')}, ''),
                ${countSql('request_body_len')}, ${countSql('response_body_len')},
                method = 'CONNECT' OR lower(uri) LIKE 'http://%' OR lower(uri) LIKE 'https://%'
           FROM http h WHERE ${w('h')}) a
       JOIN det_class o ON o.ip = a.orig_h AND o.internal
       JOIN det_class r ON r.ip = a.resp_h`,
      params,
    );
    // Address → name as each host learnt it from DNS, and as the network did (a sensor that sees
    // only the resolver's lookups, or a cached answer).
    await this.conn.run(
      `CREATE OR REPLACE TEMP TABLE det_dnsmap AS
       SELECT hash(orig_h, ip) AS hk, ip, arg_max(name, c) AS name FROM (
         SELECT orig_h, ip, name, count(*) AS c FROM (
           SELECT d.orig_h, unnest(d.answers) AS ip, rtrim(lower(d.query), '.') AS name FROM dns d
           WHERE ${w('d')} AND d.query IS NOT NULL AND d.answers IS NOT NULL)
         GROUP BY ALL)
       GROUP BY orig_h, ip`,
      params,
    );
    await this.conn.run(
      `CREATE OR REPLACE TEMP TABLE det_dnsglobal AS
       SELECT ip, arg_max(name, c) AS name FROM (SELECT ip, name, count(*) AS c FROM det_dnsmap GROUP BY ALL) GROUP BY ip`,
    );
    await this.conn.run(
      `CREATE OR REPLACE TEMP TABLE det_ev AS
       -- Keyed on the uid's 64-bit hash: grouping and joining millions of strings costs twice as much,
       -- and a collision among a few million uids is a one-in-millions chance of one misnamed event.
       WITH app AS (
         SELECT hash(uid) AS hu, arg_min(name, ts) AS name FROM det_app WHERE name IS NOT NULL GROUP BY hu)
       SELECT c.orig_h, c.resp_h, true AS ext, c.resp_p, c.resp_p || '/' || c.proto AS port_key, c.ts,
              ${countSql('c.orig_bytes')} AS ob, ${countSql('c.resp_bytes')} AS rb,
              coalesce(app.name, hm.name, gm.name) AS name
       FROM conn c
         JOIN det_class o ON o.ip = c.orig_h AND o.internal
         JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
         LEFT JOIN app ON app.hu = hash(c.uid)
         LEFT JOIN det_dnsmap hm ON hm.hk = hash(c.orig_h, c.resp_h)
         LEFT JOIN det_dnsglobal gm ON gm.ip = c.resp_h
       WHERE NOT coalesce(c.is_open, false) AND ${w('c')}
         -- Time and name service are periodic by design and have their own detectors (DNS tunnelling).
         AND NOT (c.resp_p IN (53, 123) AND c.proto = 'udp')
       UNION ALL
       SELECT a.orig_h, a.resp_h, NOT a.resp_internal, a.resp_p, a.resp_p || '/tcp', a.ts,
              ${countSql('coalesce(c.orig_bytes, a.ob)')}, ${countSql('coalesce(c.resp_bytes, a.rb)')}, a.name
       FROM (
         -- A sensor that logs connections has a conn row for each of its sessions (already events
         -- above); only a sensor without (http and ssl logs alone) needs its sessions looked up.
         SELECT * FROM det_app
         WHERE (resp_internal AND proxied AND name IS NOT NULL)
            OR (NOT resp_internal AND coalesce(sensor, '') NOT IN (
              SELECT DISTINCT coalesce(sensor, '') FROM conn c WHERE ${w('c')}))) a
         -- Another sensor's copy of the same session (one capture hunted twice) is not this one's.
         LEFT JOIN conn c ON c.uid = a.uid AND c.sensor IS NOT DISTINCT FROM a.sensor
       WHERE (a.resp_internal AND a.proxied AND a.name IS NOT NULL) OR (NOT a.resp_internal AND c.uid IS NULL)`,
      params,
    );
    await this.conn.run(`DROP TABLE det_app; DROP TABLE det_dnsmap; DROP TABLE det_dnsglobal`);
  }

  async internalOriginators(opts: {
    readonly internal: readonly IpRange[];
    readonly from?: string;
    readonly to?: string;
    readonly sensors?: readonly string[];
  }): Promise<number> {
    await this.settle();
    await this.classify(opts.internal);
    const r = await this.conn.runAndReadAll(
      `SELECT count(*)::BIGINT AS n FROM det_class WHERE internal AND ip IN (
         SELECT orig_h FROM conn WHERE ${window} UNION SELECT orig_h FROM ssl WHERE ${window}
         UNION SELECT orig_h FROM http WHERE ${window} UNION SELECT orig_h FROM dns WHERE ${window})`,
      windowParams(opts),
    );
    return Number(r.getRowObjectsJson()[0]?.['n'] ?? 0);
  }

  async portFanOut(opts: PortFanOutOptions): Promise<PortFanOut[]> {
    await this.settle();
    await this.classify(opts.internal);
    const v4net = `CASE WHEN contains(resp_h, ':') THEN array_to_string(string_split(resp_h, ':')[1:3], ':') || '::/48'
                       ELSE regexp_extract(resp_h, '^(\\d+\\.\\d+\\.\\d+)\\.', 1) || '.0/24' END`;
    const r = await this.conn.runAndReadAll(
      `WITH ev AS (
         SELECT c.orig_h, c.resp_h, c.resp_p, c.proto, c.ts, ${countSql('c.orig_bytes')} AS ob,
                ${countSql('c.resp_bytes')} AS rb, ${countSql('c.resp_pkts')} AS rp
         FROM conn c
           JOIN det_class o ON o.ip = c.orig_h AND o.internal
           JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
         WHERE ${windowSql('c.ts')} AND c.resp_p IS NOT NULL
           AND NOT list_contains(${commonServicePortsSql}, c.resp_p)),
       cand AS (SELECT orig_h, resp_p, proto FROM ev GROUP BY ALL HAVING count(DISTINCT resp_h) >= $min),
       prev AS (SELECT resp_p, proto, count(DISTINCT orig_h) AS p FROM ev GROUP BY ALL),
       nets AS (
         SELECT orig_h, resp_p, proto, list({net: net, n: n} ORDER BY n DESC, net)[1:10] AS top, count(*) AS nets FROM (
           SELECT orig_h, resp_p, proto, ${v4net} AS net, count(DISTINCT resp_h) AS n
           FROM ev JOIN cand USING (orig_h, resp_p, proto) GROUP BY ALL)
         GROUP BY ALL)
       SELECT coalesce(to_json(list({o: orig_h, port: resp_p, proto: proto, dst: dst, flows: flows,
                answered: answered, out: out, inb: inb, f: ${isoSql('first')}, l: ${isoSql('last')},
                nets: nets, top: top, ips: ips, prev: p}))::VARCHAR, '[]')
       FROM (
         SELECT orig_h, resp_p, proto, count(DISTINCT resp_h) AS dst, count(*) AS flows,
                count(*) FILTER (WHERE rb > 0 OR rp > 0) AS answered, sum(ob) AS out, sum(rb) AS inb,
                min(ts) AS first, max(ts) AS last, list(DISTINCT resp_h)[1:20] AS ips
         FROM ev JOIN cand USING (orig_h, resp_p, proto) GROUP BY ALL)
       JOIN nets USING (orig_h, resp_p, proto) JOIN prev USING (resp_p, proto)`,
      { ...windowParams(opts), min: opts.minDestinations },
    );
    const rows = JSON.parse(String(r.getRows()[0]?.[0] ?? '[]')) as {
      o: string;
      port: number;
      proto: string;
      dst: number;
      flows: number;
      answered: number;
      out: number;
      inb: number;
      f: string;
      l: string;
      nets: number;
      top: { net: string; n: number }[];
      ips: string[];
      prev: number;
    }[];
    return rows.map((x) => ({
      origH: x.o,
      port: Number(x.port),
      proto: String(x.proto ?? ''),
      destinations: Number(x.dst),
      networks: Number(x.nets),
      topNetworks: x.top.map((t) => ({ network: t.net, destinations: Number(t.n) })),
      sampleIps: [...x.ips].sort(),
      flows: Number(x.flows),
      answered: Number(x.answered),
      bytesOut: Number(x.out),
      bytesIn: Number(x.inb),
      first: x.f,
      last: x.l,
      prevalence: Number(x.prev),
    }));
  }

  async internalProxies(opts: {
    readonly internal: readonly IpRange[];
    readonly from?: string;
    readonly to?: string;
    readonly sensors?: readonly string[];
  }): Promise<string[]> {
    await this.settle();
    await this.classify(opts.internal);
    const r = await this.conn.runAndReadAll(
      `SELECT DISTINCT h.resp_h FROM http h
         JOIN det_class o ON o.ip = h.orig_h AND o.internal JOIN det_class r ON r.ip = h.resp_h AND r.internal
       WHERE ${windowSql('h.ts')}
         AND (h.method = 'CONNECT' OR lower(h.uri) LIKE 'http://%' OR lower(h.uri) LIKE 'https://%')
       ORDER BY 1`,
      windowParams(opts),
    );
    return r.getRows().map((row) => String(row[0]));
  }

  async activeHours(opts: TelemetryWindow): Promise<number> {
    await this.settle();
    const hour = (t: string) => `SELECT DISTINCT date_trunc('hour', ts) AS h FROM ${t} WHERE ${window}`;
    const r = await this.conn.runAndReadAll(
      `SELECT count(*)::BIGINT AS n FROM (${hour('conn')} UNION ${hour('ssl')} UNION ${hour('http')})`,
      windowParams(opts),
    );
    return Number(r.getRowObjectsJson()[0]?.['n'] ?? 0);
  }

  async connectionDurations(opts: {
    readonly internal: readonly IpRange[];
    readonly minLongest: number;
    readonly minTotal: number;
    readonly from?: string;
    readonly to?: string;
    readonly sensors?: readonly string[];
  }): Promise<ConnectionDurations[]> {
    await this.settle();
    await this.classify(opts.internal);
    // An open connection (open_conn, or one Zeek has not closed yet) counts with the time seen so far.
    const r = await this.conn.runAndReadAll(
      `SELECT coalesce(to_json(list({o: orig_h, r: resp_h, ports: ports, n: n, longest: longest, total: total,
                open: open_n, out: bytes_out, inb: bytes_in, f: first, l: last, prev: prev}))::VARCHAR, '[]') AS j
       FROM (
         SELECT orig_h, resp_h, list(DISTINCT resp_p) AS ports, count(*) AS n,
                max(${secondsSql('duration')}) AS longest, sum(${secondsSql('duration')}) AS total,
                count(*) FILTER (WHERE coalesce(is_open, false)) AS open_n,
                sum(${countSql('orig_bytes')}) AS bytes_out, sum(${countSql('resp_bytes')}) AS bytes_in,
                strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS first,
                strftime(max(ts + to_microseconds((${secondsSql('duration')} * 1e6)::BIGINT)), '%Y-%m-%dT%H:%M:%S.%gZ') AS last
         FROM conn c
           -- Qualifying pairs first, from the two columns that decide it; the rest only for them.
           JOIN (SELECT orig_h, resp_h FROM conn WHERE ${window} GROUP BY orig_h, resp_h
                 HAVING max(${secondsSql('duration')}) >= $minLongest OR sum(${secondsSql('duration')}) >= $minTotal) q
             USING (orig_h, resp_h)
           JOIN det_class o ON o.ip = c.orig_h AND o.internal
           JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
         WHERE ${windowSql('c.ts')}
         GROUP BY orig_h, resp_h)
       -- How many internal hosts reach each of these servers at all (chat and meeting services: most).
       JOIN (SELECT c.resp_h, count(DISTINCT c.orig_h) AS prev FROM conn c
               JOIN det_class o ON o.ip = c.orig_h AND o.internal
             WHERE ${windowSql('c.ts')} GROUP BY c.resp_h) USING (resp_h)`,
      { ...windowParams(opts), minLongest: opts.minLongest, minTotal: opts.minTotal },
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
      prev: number;
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
      prevalence: Number(x.prev),
    }));
  }
}

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
