import type { DuckDBConnection } from '@duckdb/node-api';
import { tryIpRange } from '../../../net/ip-range.js';
import { appendRows } from './duckdb-intel-append.js';

/**
 * The benign warninglists each value is on: addresses inside a listed range, names equal to or under
 * a listed hostname, or equal to a listed string. Only lists that suppress count (not dynamic DNS or
 * VPN ranges, which attackers use as much as anyone).
 */
export async function warninglistsOf(
  c: DuckDBConnection,
  values: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (values.length === 0) return out;
  await c.run(`CREATE OR REPLACE TEMP TABLE wl_q (value VARCHAR, v TINYINT, lo UHUGEINT, hi UHUGEINT)`);
  await appendRows(
    c,
    'wl_q',
    ['varchar', 'tinyint', 'uhugeint', 'uhugeint'],
    [...new Set(values)].map((v) => {
      const r = tryIpRange(v);
      return [v.toLowerCase(), r?.v ?? null, r?.lo ?? null, r?.hi ?? null];
    }),
  );
  try {
    const r = await c.runAndReadAll(
      `SELECT value, list_sort(list_distinct(list(list))) AS lists FROM (
         SELECT q.value, w.list FROM wl_q q JOIN warninglist_entries w
           ON w.ip_version = q.v AND q.lo >= w.ip_lo AND q.hi <= w.ip_hi
         WHERE q.v IS NOT NULL
         UNION ALL
         SELECT s.value, w.list FROM (
           SELECT value, unnest(list_transform(range(len(string_split(value, '.'))),
                    n -> array_to_string(string_split(value, '.')[n + 1:], '.'))) AS suffix
           FROM wl_q WHERE v IS NULL) s
         JOIN warninglist_entries w ON w.value = s.suffix
         JOIN warninglists l ON l.name = w.list AND l.match_type = 'hostname'
         UNION ALL
         SELECT q.value, w.list FROM wl_q q JOIN warninglist_entries w ON w.value = q.value
         JOIN warninglists l ON l.name = w.list AND l.match_type = 'string'
       ) h JOIN warninglists l ON l.name = h.list AND l.suppresses
       GROUP BY value`,
    );
    for (const row of r.getRowObjectsJson()) {
      out.set(String(row['value']), (row['lists'] as string[]).map(String));
    }
  } finally {
    await c.run(`DROP TABLE IF EXISTS wl_q`);
  }
  return out;
}
