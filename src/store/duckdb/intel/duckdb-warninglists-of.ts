import type { DuckDBConnection } from '@duckdb/node-api';
import { tryIpRange } from '../../../net/ip-range.js';
import type { WarninglistOrigin } from '../../intel-store.js';
import { appendRows } from './duckdb-intel-append.js';

/** Up to this many values are queried inline; more go through a temp table. */
const inlineValues = 16;

/**
 * The benign warninglists each value is on: addresses inside a listed range, names equal to or under
 * a listed hostname, or equal to a listed string. Only lists that suppress count (not dynamic DNS or
 * VPN ranges, which attackers use as much as anyone) unless `context` asks for those too.
 */
export async function warninglistsOf(
  c: DuckDBConnection,
  values: readonly string[],
  context = false,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (values.length === 0) return out;
  const rows = [...new Set(values)].map((v) => {
    const r = tryIpRange(v);
    return [v.toLowerCase(), r?.v ?? null, r?.lo ?? null, r?.hi ?? null] as const;
  });
  // A few values (a search) go in as parameters: a read-only store cannot append to a temp table.
  const inline = rows.length <= inlineValues;
  const params: Record<string, string | number | boolean | null> = { context };
  let head = '';
  if (inline) {
    const tuples = rows.map(([value, v, lo, hi], i) => {
      Object.assign(params, {
        [`q${i}`]: value,
        [`v${i}`]: v,
        [`l${i}`]: lo?.toString() ?? null,
        [`h${i}`]: hi?.toString() ?? null,
      });
      return `($q${i}, $v${i}::TINYINT, $l${i}::UHUGEINT, $h${i}::UHUGEINT)`;
    });
    head = `WITH wl_q AS (SELECT * FROM (VALUES ${tuples.join(', ')}) t(value, v, lo, hi)) `;
  } else {
    await c.run(`CREATE OR REPLACE TEMP TABLE wl_q (value VARCHAR, v TINYINT, lo UHUGEINT, hi UHUGEINT)`);
    await appendRows(
      c,
      'wl_q',
      ['varchar', 'tinyint', 'uhugeint', 'uhugeint'],
      rows.map((r) => [...r]),
    );
  }
  try {
    const r = await c.runAndReadAll(
      `${head}SELECT value, list_sort(list_distinct(list(list))) AS lists FROM (
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
       ) h JOIN warninglists l ON l.name = h.list AND (l.suppresses OR $context)
       GROUP BY value`,
      params,
    );
    for (const row of r.getRowObjectsJson()) {
      out.set(String(row['value']), (row['lists'] as string[]).map(String));
    }
  } finally {
    if (!inline) await c.run(`DROP TABLE IF EXISTS wl_q`);
  }
  return out;
}

/** The sources the stored warninglists came from, oldest import first. */
export async function warninglistOrigins(c: DuckDBConnection): Promise<WarninglistOrigin[]> {
  const r = await c.runAndReadAll(
    `SELECT w.source, coalesce(s.kind, '') AS kind, count(*)::INTEGER AS lists,
            strftime(s.imported_at, '%Y-%m-%dT%H:%M:%SZ') AS at
     FROM warninglists w LEFT JOIN intel_sources s ON s.source = w.source
     GROUP BY w.source, s.kind, s.imported_at ORDER BY s.imported_at NULLS FIRST, w.source`,
  );
  return r.getRowObjectsJson().map((row) => ({
    source: String(row['source']),
    kind: String(row['kind']),
    importedAt: row['at'] === null ? null : String(row['at']),
    lists: Number(row['lists']),
  }));
}
