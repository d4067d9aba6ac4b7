import type { AddressNamesSql } from '../address-names-query.js';
import { hostName, isName } from './duckdb-destinations-sql.js';

/** The address-names aggregate in DuckDB's SQL. */
export const duckdbAddressNames: AddressNamesSql = {
  async addressNames(s, opts) {
    if (opts.ips.length === 0) return new Map();
    await s.settle();
    // Unnesting every answer and filtering after is cheaper than testing each row's list.
    const rows = await s.objects(
      `WITH ips AS (SELECT DISTINCT unnest($ips) AS ip),
         named AS (
           SELECT ip, lower(query) AS name FROM (
             SELECT c.query, unnest(c.answers) AS ip FROM dns c
             WHERE c.answers IS NOT NULL AND ${s.hooks.window('c.ts')})
           WHERE ip IN (SELECT ip FROM ips) AND ${isName('query')}
           UNION ALL SELECT c.resp_h, ${hostName('c.server_name')} FROM ssl c
           WHERE c.resp_h IN (SELECT ip FROM ips) AND ${isName('c.server_name')} AND ${s.hooks.window('c.ts')}
           UNION ALL SELECT c.resp_h, ${hostName('c.host')} FROM http c
           WHERE c.resp_h IN (SELECT ip FROM ips) AND ${isName('c.host')} AND ${s.hooks.window('c.ts')})
         SELECT ip, list(name ORDER BY n DESC, name)[1:$max] AS names
         FROM (SELECT ip, name, count(*) AS n FROM named GROUP BY ALL) GROUP BY ip`,
      {
        ips: [...new Set(opts.ips)],
        max: opts.maxNames,
        ...s.hooks.windowParams(opts),
      },
      { ips: 'varchar[]' },
    );
    return new Map(rows.map((x) => [String(x['ip']), (x['names'] as unknown[]).map(String)]));
  },
};
