import { LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { DnsAggregates } from '../../detect/dns-aggregates.js';
import { hostName, isName } from './duckdb-destinations-sql.js';
import { type DuckDBDetectContext, windowParams, windowSql } from './duckdb-detect-context.js';

/** The names of addresses over the DuckDB tables. */
export function duckdbDnsAggregates(ctx: DuckDBDetectContext): DnsAggregates {
  const { conn } = ctx;
  return {
    async addressNames(opts) {
      if (opts.ips.length === 0) return new Map();
      await ctx.settle();
      // Unnesting every answer and filtering after is cheaper than testing each row's list.
      const r = await conn.runAndReadAll(
        `WITH ips AS (SELECT DISTINCT unnest($ips) AS ip),
         named AS (
           SELECT ip, lower(query) AS name FROM (
             SELECT c.query, unnest(c.answers) AS ip FROM dns c
             WHERE c.answers IS NOT NULL AND ${windowSql('c.ts')})
           WHERE ip IN (SELECT ip FROM ips) AND ${isName('query')}
           UNION ALL SELECT c.resp_h, ${hostName('c.server_name')} FROM ssl c
           WHERE c.resp_h IN (SELECT ip FROM ips) AND ${isName('c.server_name')} AND ${windowSql('c.ts')}
           UNION ALL SELECT c.resp_h, ${hostName('c.host')} FROM http c
           WHERE c.resp_h IN (SELECT ip FROM ips) AND ${isName('c.host')} AND ${windowSql('c.ts')})
         SELECT ip, list(name ORDER BY n DESC, name)[1:$max] AS names
         FROM (SELECT ip, name, count(*) AS n FROM named GROUP BY ALL) GROUP BY ip`,
        {
          ips: listValue([...new Set(opts.ips)]),
          max: opts.maxNames,
          ...windowParams(opts),
        },
        { ips: LIST(VARCHAR) },
      );
      return new Map(
        r.getRowObjectsJson().map((x) => [String(x['ip']), (x['names'] as unknown[]).map(String)]),
      );
    },
  };
}
