import type { DuckDBConnection } from '@duckdb/node-api';
import ipaddr from 'ipaddr.js';
import { log } from '../../log.js';
import { hostSql } from '../sql/duckdb/duckdb-host-sql.js';
import { appendRows } from './intel/duckdb-intel-append.js';

/**
 * Dictionaries of every address and name the telemetry holds, with when each was first seen.
 * Indicator matching tests CIDRs and parent domains against these (tens of thousands of values)
 * instead of against every row, and "new destination" analyses read first-seen times from them.
 * They cover batches up to the `seen_batch` watermark in `schema_meta`.
 */
export const seenDdl = [
  `CREATE TABLE IF NOT EXISTS seen_ips (ip VARCHAR, v TINYINT, n UHUGEINT, first_seen TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS seen_names (name VARCHAR, tail VARCHAR, first_seen TIMESTAMP)`,
];

const ipv4Number = `((p[1]::UBIGINT << 24) | (p[2]::UBIGINT << 16) | (p[3]::UBIGINT << 8) | p[4]::UBIGINT)::UHUGEINT`;

/**
 * (ip, first_seen) of the rows `where` selects (in every telemetry table): what the address
 * dictionary learns from them. Detection reads it for one scope of sensors, ingest for new batches.
 */
export function seenIpsSql(where: string): string {
  return `SELECT ip, min(ts) AS first_seen FROM (
       SELECT resp_h AS ip, ts FROM conn WHERE ${where} UNION ALL SELECT orig_h, ts FROM conn WHERE ${where}
       UNION ALL SELECT unnest(answers), ts FROM dns WHERE ${where}
       UNION ALL SELECT unnest([orig_h, resp_h]), ts FROM dns WHERE ${where}
       UNION ALL SELECT unnest([orig_h, resp_h]), ts FROM ssl WHERE ${where}
       UNION ALL SELECT unnest([orig_h, resp_h]), ts FROM http WHERE ${where}
       UNION ALL SELECT unnest([orig_h, resp_h]), ts FROM alerts WHERE ${where})
     WHERE ip IS NOT NULL GROUP BY ip
     HAVING contains(ip, ':') OR regexp_full_match(ip, '[0-9.]+')`;
}

/** (name, first_seen) of the rows `where` selects: what the name dictionary learns from them. */
export function seenNamesSql(where: string): string {
  return `SELECT name, min(ts) AS first_seen FROM (
       SELECT lower(query) AS name, ts FROM dns WHERE ${where}
       UNION ALL SELECT lower(server_name), ts FROM ssl WHERE ${where}
       UNION ALL SELECT ${hostSql('host')}, ts FROM http WHERE ${where}
       UNION ALL SELECT lower(unnest(answers)), ts FROM dns WHERE ${where})
     WHERE name IS NOT NULL GROUP BY name
     HAVING contains(name, '.') AND NOT regexp_full_match(name, '[0-9.]+') AND NOT contains(name, ':')`;
}

/** The watermark: the highest batch id whose rows are in the dictionaries. */
export async function seenWatermark(c: DuckDBConnection): Promise<number> {
  const r = await c.runAndReadAll(`SELECT value FROM schema_meta WHERE key = 'seen_batch'`);
  return Number(r.getRowObjectsJson()[0]?.['value'] ?? 0);
}

/** Adds the addresses and names of batches after the watermark (up to `upTo`), inside the caller's transaction. */
export async function refreshSeen(c: DuckDBConnection, upTo?: number): Promise<void> {
  const from = await seenWatermark(c);
  const top =
    upTo ??
    Number(
      (
        await c.runAndReadAll(`SELECT coalesce(max(batch_id), 0)::BIGINT AS m FROM ingest_batches`)
      ).getRowObjectsJson()[0]?.['m'] ?? 0,
    );
  if (top <= from) return;
  const started = performance.now();
  const p = { from, top };
  const inRange = `batch_id > $from AND batch_id <= $top`;
  await c.run(`CREATE OR REPLACE TEMP TABLE seen_new_ips AS ${seenIpsSql(inRange)}`, p);
  // Files need not arrive in time order: a value already known keeps the earlier of its two times.
  await c.run(
    `UPDATE seen_ips SET first_seen = n.first_seen FROM seen_new_ips n
     WHERE seen_ips.ip = n.ip AND n.first_seen < seen_ips.first_seen`,
  );
  await c.run(`DELETE FROM seen_new_ips WHERE ip IN (SELECT ip FROM seen_ips)`);
  await c.run(
    `INSERT INTO seen_ips
     SELECT ip, 4, ${ipv4Number}, first_seen FROM (
       SELECT ip, first_seen, list_transform(string_split(ip, '.'), x -> try_cast(x AS UTINYINT)) AS p
       FROM seen_new_ips WHERE NOT contains(ip, ':'))
     WHERE len(p) = 4 AND list_bool_and(list_transform(p, x -> x IS NOT NULL))`,
  );
  const v6 = (
    await c.runAndReadAll(`SELECT ip, first_seen::VARCHAR AS f FROM seen_new_ips WHERE contains(ip, ':')`)
  )
    .getRowObjectsJson()
    .flatMap((r) => {
      const ip = String(r['ip']);
      if (!ipaddr.IPv6.isValid(ip)) return [];
      const n = ipaddr.IPv6.parse(ip)
        .toByteArray()
        .reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
      return [[ip, 6, n, `${String(r['f']).replace(' ', 'T')}Z`] as const];
    });
  await appendRows(c, 'seen_ips', ['varchar', 'tinyint', 'uhugeint', 'timestamp'], v6);
  await c.run(`CREATE OR REPLACE TEMP TABLE seen_new_names AS ${seenNamesSql(inRange)}`, p);
  await c.run(
    `UPDATE seen_names SET first_seen = n.first_seen FROM seen_new_names n
     WHERE seen_names.name = n.name AND n.first_seen < seen_names.first_seen`,
  );
  await c.run(
    `INSERT INTO seen_names
     SELECT name, regexp_extract(name, '[^.]+\\.[^.]+$'), first_seen FROM seen_new_names
     WHERE name NOT IN (SELECT name FROM seen_names)`,
  );
  await c.run(`DROP TABLE seen_new_ips`);
  await c.run(`DROP TABLE seen_new_names`);
  await c.run(`INSERT OR REPLACE INTO schema_meta VALUES ('seen_batch', $top)`, { top: String(top) });
  log.debug(
    { batches: `${from + 1}-${top}`, ms: Math.round(performance.now() - started) },
    'seen dictionaries updated',
  );
}
