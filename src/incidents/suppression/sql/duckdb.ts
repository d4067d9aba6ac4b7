import type { Ja3PairsSql } from '../ja3-pairs-query.js';

/** The JA3 pairs aggregate in DuckDB's SQL: one pass over `ssl` for every pair asked about. */
export const duckdbJa3Pairs: Ja3PairsSql = {
  async ja3Pairs(s, opts) {
    await s.settle();
    const h = s.hooks;
    const rows = await s.rows(
      `WITH p AS (SELECT unnest(range(len($hosts::VARCHAR[]))) AS i, unnest($hosts::VARCHAR[]) AS host,
                         unnest($ips::VARCHAR[]) AS ip, unnest($domains::VARCHAR[]) AS domain)
       SELECT p.i FROM p JOIN ssl c ON c.orig_h = p.host
         AND ((p.ip <> '' AND c.resp_h = p.ip) OR (p.ip = '' AND lower(c.server_name) = p.domain))
       WHERE ${h.window('c.ts')}
       GROUP BY p.i HAVING bool_and(coalesce(c.ja3 = $ja3, false)) ORDER BY p.i`,
      {
        ...h.windowParams(opts),
        ja3: opts.ja3.toLowerCase(),
        hosts: opts.pairs.map((p) => p.host),
        ips: opts.pairs.map((p) => p.ip),
        domains: opts.pairs.map((p) => p.domain.toLowerCase()),
      },
      { hosts: 'varchar[]', ips: 'varchar[]', domains: 'varchar[]' },
    );
    return rows.map((r) => Number(r[0]));
  },
};
