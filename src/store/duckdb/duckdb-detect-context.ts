import { type DuckDBConnection, listValue } from '@duckdb/node-api';
import type { IpRange } from '../../net/ip-range.js';
import { baseDialectHooks } from '../sql/dialect-hooks.js';
import { seenIpsSql, seenNamesSql } from './duckdb-seen.js';
import { appendRows } from './intel/duckdb-intel-append.js';

/** What every DuckDB detector aggregate needs: the connection and the hooks around it. */
export interface DuckDBDetectContext {
  readonly conn: DuckDBConnection;
  /** Makes pending ingest batches visible first; call before reading telemetry. */
  readonly settle: () => Promise<void>;
  /**
   * Fills the temp table `det_class(ip VARCHAR, internal BOOLEAN)` with every address seen (the
   * seen_ips dictionary) marked inside the monitored networks or not. Join on it instead of testing
   * ranges per row.
   */
  readonly classify: (internal: readonly IpRange[]) => Promise<void>;
  /**
   * Makes `det_seen_ips(ip, first_seen)` and `det_seen_names(name, tail, first_seen)` the
   * first-seen history of one scope: the store's dictionaries themselves (views) for every sensor,
   * else the same values computed from the scope's own rows, so another network's history never
   * makes an address old.
   */
  readonly seenHistory: (sensors?: readonly string[]) => Promise<void>;
}

/** DuckDB's memory limit while detectors run: MAMORI_DUCKDB_DETECT_MEMORY, default 1200MB. */
export function detectMemoryLimit(): string {
  const v = process.env['MAMORI_DUCKDB_DETECT_MEMORY'] ?? '1200MB';
  return /^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i.test(v) ? v : '1200MB';
}

/**
 * For temp tables one detection run shares between detectors: a key of what they were built from
 * (the monitored networks, the window and scope, the newest stored batch, so new telemetry
 * invalidates them), and whether `table` still exists in this connection.
 */
export async function sharedTableState(
  conn: DuckDBConnection,
  table: string,
  internal: readonly IpRange[],
  window: {
    readonly from?: string | null;
    readonly to?: string | null;
    readonly sensors?: readonly string[];
  } = {},
): Promise<{ key: string; exists: boolean }> {
  const r = await conn.runAndReadAll(
    `SELECT (SELECT coalesce(max(batch_id), 0) FROM ingest_batches)::VARCHAR AS b,
            (SELECT count(*) FROM duckdb_tables() WHERE table_name = $t AND temporary)::INTEGER AS n`,
    { t: table },
  );
  const [b, n] = r.getRows()[0] ?? [];
  const ranges = internal.map((x) => `${x.v}:${x.lo}-${x.hi}`).join(',');
  return { key: `${ranges}|${baseDialectHooks.windowKey(window)}|${String(b)}`, exists: Number(n) > 0 };
}

export function duckdbDetectContext(
  conn: DuckDBConnection,
  settle: () => Promise<void>,
): DuckDBDetectContext {
  // Every detector classifies; the table is rebuilt only when the networks or the dictionary changed.
  let built: string | null = null;
  let sized = false;
  let history: string | null = null;
  return {
    conn,
    settle,
    async seenHistory(sensors) {
      const scoped = sensors !== undefined && sensors.length > 0;
      const { key, exists } = await sharedTableState(conn, 'det_seen_ips', [], { sensors });
      if (history === key && (exists || !scoped)) return;
      // Either kind may be there from the last scope; DuckDB will not drop one as the other.
      const views = await conn.runAndReadAll(
        `SELECT view_name FROM duckdb_views() WHERE temporary AND view_name IN ('det_seen_ips', 'det_seen_names')`,
      );
      const isView = new Set(views.getRows().map((r) => String(r[0])));
      for (const t of ['det_seen_ips', 'det_seen_names'])
        await conn.run(isView.has(t) ? `DROP VIEW ${t}` : `DROP TABLE IF EXISTS ${t}`);
      if (!scoped) {
        await conn.run(`CREATE TEMP VIEW det_seen_ips AS SELECT ip, first_seen FROM seen_ips`);
        await conn.run(`CREATE TEMP VIEW det_seen_names AS SELECT name, tail, first_seen FROM seen_names`);
      } else {
        const where = 'list_contains($sensors::VARCHAR[], sensor)';
        const params = { sensors: listValue([...sensors]) };
        await conn.run(`CREATE TEMP TABLE det_seen_ips AS ${seenIpsSql(where)}`, params);
        await conn.run(
          `CREATE TEMP TABLE det_seen_names AS
           SELECT name, regexp_extract(name, '[^.]+\\.[^.]+$') AS tail, first_seen FROM (${seenNamesSql(where)})`,
          params,
        );
      }
      history = key;
    },
    async classify(internal) {
      if (!sized) {
        // Ingest streams within a small buffer pool; detection's grouped lists and hash joins need
        // more room than that (and cannot all spill), within the 2 GB the whole process may use.
        await conn.run(`SET memory_limit = '${detectMemoryLimit()}'`);
        await conn.run(`SET preserve_insertion_order = false`);
        sized = true;
      }
      const seen = await conn.runAndReadAll(
        `SELECT (SELECT count(*) FROM seen_ips)::VARCHAR || '/' || coalesce((SELECT value FROM schema_meta WHERE key = 'seen_batch'), '0') AS k`,
      );
      const key = `${internal.map((r) => `${r.v}:${r.lo}-${r.hi}`).join(',')}|${String(seen.getRows()[0]?.[0])}`;
      const exists = await conn.runAndReadAll(
        `SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = 'det_class' AND temporary`,
      );
      if (built === key && Number(exists.getRows()[0]?.[0]) > 0) return;
      await conn.run(`CREATE OR REPLACE TEMP TABLE det_ranges (v TINYINT, lo UHUGEINT, hi UHUGEINT)`);
      await appendRows(
        conn,
        'det_ranges',
        ['tinyint', 'uhugeint', 'uhugeint'],
        internal.map((r) => [r.v, r.lo, r.hi]),
      );
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE det_class AS
         SELECT s.ip, EXISTS (SELECT 1 FROM det_ranges d WHERE d.v = s.v AND s.n BETWEEN d.lo AND d.hi) AS internal
         FROM seen_ips s`,
      );
      built = key;
    },
  };
}
