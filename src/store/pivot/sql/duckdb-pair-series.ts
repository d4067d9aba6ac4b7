import { filledSeries, seriesStep } from '../pair-buckets.js';
import type { PivotViewsSql } from '../pivot-views-query.js';
import { num } from './duckdb-params.js';

/** A pair's gap histogram, its median and MAD, and its traffic per time bucket, in DuckDB's SQL. */
export const duckdbPairAggregates: PivotViewsSql['pairAggregates'] = async (s, pair, edges) => {
  await s.settle();
  const p = { host: pair.host, ips: [...pair.ips], sensors: s.hooks.windowParams(pair).sensors };
  const types = { ips: 'varchar[]' } as const;
  const from = `FROM conn WHERE orig_h = $host AND list_contains($ips, resp_h)
    AND NOT coalesce(is_open, false) AND ${s.hooks.scope()}`;
  const span = await s.objects(`SELECT epoch(min(ts)) AS lo, epoch(max(ts)) AS hi ${from}`, p, types);
  const lo = span[0]?.['lo'];
  const hi = span[0]?.['hi'];
  if (lo === null || lo === undefined || hi === null || hi === undefined)
    return {
      intervals: edges.map((e, i) => ({ from: e, to: edges[i + 1] ?? null, count: 0 })),
      medianSeconds: null,
      madSeconds: null,
      gaps: 0,
      series: [],
      step: seriesStep(0),
    };
  const step = seriesStep(num(hi) - num(lo));
  const gaps = `WITH t AS (SELECT epoch(ts) AS t ${from}),
     g AS (SELECT dt FROM (SELECT t - lag(t) OVER (ORDER BY t) AS dt FROM t) WHERE dt IS NOT NULL)`;
  const hist = await s.objects(
    `${gaps} SELECT len(list_filter($edges::DOUBLE[], e -> e <= dt)) AS b, count(*)::DOUBLE AS n
       FROM g GROUP BY b ORDER BY b`,
    { ...p, edges: [...edges] },
    types,
  );
  const stats = await s.objects(
    `${gaps}, m AS (SELECT median(dt) AS med FROM g)
       SELECT (SELECT med FROM m) AS med, (SELECT median(abs(dt - med)) FROM g, m) AS mad,
              (SELECT count(*) FROM g)::DOUBLE AS n`,
    p,
    types,
  );
  const series = await s.objects(
    `SELECT (floor(epoch(ts) / $step) * $step)::DOUBLE AS b, coalesce(sum(orig_bytes), 0)::DOUBLE AS o,
              coalesce(sum(resp_bytes), 0)::DOUBLE AS i, count(*)::DOUBLE AS n ${from} GROUP BY b ORDER BY b`,
    { ...p, step },
    types,
  );
  const counts = new Map(hist.map((r) => [num(r['b']), num(r['n'])]));
  const med = stats[0]?.['med'];
  const mad = stats[0]?.['mad'];
  return {
    intervals: edges.map((e, i) => ({ from: e, to: edges[i + 1] ?? null, count: counts.get(i + 1) ?? 0 })),
    medianSeconds: med === null || med === undefined ? null : num(med),
    madSeconds: mad === null || mad === undefined ? null : num(mad),
    gaps: num(stats[0]?.['n']),
    series: filledSeries(
      series.map((r) => ({
        b: num(r['b']),
        bytesOut: num(r['o']),
        bytesIn: num(r['i']),
        connections: num(r['n']),
      })),
      step,
    ),
    step,
  };
};
