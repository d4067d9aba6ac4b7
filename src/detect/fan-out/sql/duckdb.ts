import { jsonRows } from '../../../store/analytics-session.js';
import { countSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';
import { commonServicePortsSql } from '../../common-ports.js';
import type { FanOutSql } from '../fan-out-query.js';

interface FanOutJson {
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
}

/** The fan-out aggregates in DuckDB's SQL. */
export const duckdbFanOut: FanOutSql = {
  async portFanOut(s, opts) {
    await s.settle();
    await s.classify(opts.internal);
    const v4net = `CASE WHEN contains(resp_h, ':') THEN array_to_string(string_split(resp_h, ':')[1:3], ':') || '::/48'
                       ELSE regexp_extract(resp_h, '^(\\d+\\.\\d+\\.\\d+)\\.', 1) || '.0/24' END`;
    const rows = await jsonRows<FanOutJson>(
      s,
      `WITH ev AS (
         SELECT c.orig_h, c.resp_h, c.resp_p, c.proto, c.ts, ${countSql('c.orig_bytes')} AS ob,
                ${countSql('c.resp_bytes')} AS rb, ${countSql('c.resp_pkts')} AS rp
         FROM conn c
           JOIN det_class o ON o.ip = c.orig_h AND o.internal
           JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
         WHERE ${s.hooks.window('c.ts')} AND c.resp_p IS NOT NULL
           AND NOT list_contains(${commonServicePortsSql}, c.resp_p)),
       cand AS (SELECT orig_h, resp_p, proto FROM ev GROUP BY ALL HAVING count(DISTINCT resp_h) >= $min),
       prev AS (SELECT resp_p, proto, count(DISTINCT orig_h) AS p FROM ev GROUP BY ALL),
       nets AS (
         SELECT orig_h, resp_p, proto, list({net: net, n: n} ORDER BY n DESC, net)[1:10] AS top, count(*) AS nets FROM (
           SELECT orig_h, resp_p, proto, ${v4net} AS net, count(DISTINCT resp_h) AS n
           FROM ev JOIN cand USING (orig_h, resp_p, proto) GROUP BY ALL)
         GROUP BY ALL)
       SELECT coalesce(to_json(list({o: orig_h, port: resp_p, proto: proto, dst: dst, flows: flows,
                answered: answered, out: out, inb: inb, f: ${s.hooks.iso('first')}, l: ${s.hooks.iso('last')},
                nets: nets, top: top, ips: ips, prev: p}))::VARCHAR, '[]')
       FROM (
         SELECT orig_h, resp_p, proto, count(DISTINCT resp_h) AS dst, count(*) AS flows,
                count(*) FILTER (WHERE rb > 0 OR rp > 0) AS answered, sum(ob) AS out, sum(rb) AS inb,
                min(ts) AS first, max(ts) AS last, list(DISTINCT resp_h ORDER BY resp_h)[1:20] AS ips
         FROM ev JOIN cand USING (orig_h, resp_p, proto) GROUP BY ALL)
       JOIN nets USING (orig_h, resp_p, proto) JOIN prev USING (resp_p, proto)`,
      { ...s.hooks.windowParams(opts), min: opts.minDestinations },
    );
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
  },
};
