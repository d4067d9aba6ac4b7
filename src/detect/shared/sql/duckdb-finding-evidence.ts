import type { FindingEvidence } from '../../../domain/finding.js';
import type { FindingEvidenceSql } from '../finding-evidence-query.js';
import { hostName } from './duckdb-destinations-sql.js';

/** The finding-evidence aggregate in DuckDB's SQL. */
export const duckdbFindingEvidence: FindingEvidenceSql = {
  async findingEvidence(s, opts) {
    const fs = opts.findings;
    if (fs.length === 0) return [];
    await s.settle();
    const scope = (a: string) => s.hooks.scope(`${a}.sensor`);
    // The findings travel as parallel lists unnested side by side; '' stands for null.
    const rows = await s.objects(
      `WITH f AS (
         SELECT unnest($i::INTEGER[]) AS i, unnest($host::VARCHAR[]) AS host,
                nullif(unnest($ip::VARCHAR[]), '') AS ip, nullif(lower(unnest($domain::VARCHAR[])), '') AS domain,
                unnest($first::VARCHAR[])::TIMESTAMP AS t0,
                unnest($last::VARCHAR[])::TIMESTAMP + INTERVAL 1 MILLISECOND AS t1),
       addr AS (
         SELECT i, ip AS a FROM f WHERE ip IS NOT NULL
         UNION SELECT f.i, x.a FROM f JOIN (
             SELECT ${hostName('d.query')} AS name, unnest(d.answers) AS a FROM dns d
             WHERE d.answers IS NOT NULL AND ${scope('d')}) x ON x.name = f.domain
         UNION SELECT f.i, t.resp_h FROM f JOIN ssl t
           ON t.orig_h = f.host AND ${hostName('t.server_name')} = f.domain AND ${scope('t')}
         UNION SELECT f.i, h.resp_h FROM f JOIN http h
           ON h.orig_h = f.host AND ${hostName('h.host')} = f.domain AND ${scope('h')}),
       flows AS (
         SELECT a.i, c.uid, c.ts, c.community_id FROM addr a JOIN f USING (i)
           JOIN conn c ON c.orig_h = f.host AND c.resp_h = a.a AND c.ts >= f.t0 AND c.ts < f.t1 AND ${scope('c')}
         -- An alert may name the server as the flow's source (a rule on the response).
         UNION ALL SELECT a.i, c.uid, c.ts, c.community_id FROM addr a JOIN f USING (i)
           JOIN alerts c ON ((c.orig_h = f.host AND c.resp_h = a.a) OR (c.resp_h = f.host AND c.orig_h = a.a))
             AND c.ts >= f.t0 AND c.ts < f.t1 AND ${scope('c')}),
       lookups AS (
         SELECT f.i, d.uid, d.ts, NULL::VARCHAR AS community_id FROM f JOIN dns d
           ON d.orig_h = f.host AND d.ts >= f.t0 AND d.ts < f.t1 AND ${scope('d')}
           AND (${hostName('d.query')} = f.domain OR ${hostName('d.query')} LIKE '%.' || f.domain)
         WHERE f.domain IS NOT NULL AND f.i NOT IN (SELECT i FROM flows)),
       per_uid AS (
         SELECT i, uid, min(ts) AS ts, min(community_id) AS cid
         FROM (SELECT * FROM flows UNION ALL SELECT * FROM lookups) WHERE uid IS NOT NULL AND uid <> ''
         GROUP BY i, uid)
       SELECT i, list(uid ORDER BY ts, uid)[1:$maxUids] AS uids, count(*)::BIGINT AS n,
              list_sort(list_distinct(list(cid) FILTER (WHERE cid IS NOT NULL AND cid <> '')))[1:$maxCids] AS cids
       FROM per_uid GROUP BY i`,
      {
        i: fs.map((_, n) => n),
        host: fs.map((f) => f.host),
        ip: fs.map((f) => f.endpointIp ?? ''),
        domain: fs.map((f) => f.endpointDomain ?? ''),
        first: fs.map((f) => f.first),
        last: fs.map((f) => f.last),
        maxUids: opts.maxUids ?? 20,
        maxCids: opts.maxCommunityIds ?? 10,
        sensors: s.hooks.windowParams({ sensors: opts.sensors }).sensors,
      },
    );
    const out: FindingEvidence[] = fs.map(() => ({ uids: [], uidCount: 0, communityIds: [] }));
    for (const r of rows)
      out[Number(r['i'])] = {
        uids: (r['uids'] as unknown[]).map(String),
        uidCount: Number(r['n']),
        communityIds: ((r['cids'] as unknown[] | null) ?? []).map(String),
      };
    return out;
  },
};
