import { tryIpRange } from '../../../net/ip-range.js';
import type { AnalyticsSession, SqlParams } from '../../../store/analytics-session.js';
import type { DnsWindowOptions } from '../dns-query.js';

/**
 * The det_dns_class key each session last built: the table outlives a call, so the DNS detectors
 * of a run share it.
 */
const classKeys = new WeakMap<AnalyticsSession, string>();

/**
 * Builds det_dns_class for the window: det_class plus the DNS addresses it lacks (seen_ips is built
 * from conn, so a DNS-only capture would otherwise have no internal clients at all). Returns the
 * window's parameters.
 */
export async function prepareDns(s: AnalyticsSession, opts: DnsWindowOptions): Promise<SqlParams> {
  await s.settle();
  await s.classify(opts.internal);
  const params = s.hooks.windowParams(opts);
  const { key, exists } = await s.sharedTable('det_dns_class', opts.internal, opts);
  if (exists && key === classKeys.get(s)) return params;
  classKeys.delete(s);
  const missing = await s.rows(
    `SELECT DISTINCT ip FROM (SELECT orig_h AS ip FROM dns WHERE ${s.hooks.window()}
                                UNION ALL SELECT resp_h FROM dns WHERE ${s.hooks.window()})
       WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM det_class)`,
    params,
  );
  await s.run(`CREATE OR REPLACE TEMP TABLE det_dns_class AS SELECT ip, internal FROM det_class`);
  const inside = (ip: string) => {
    const r = tryIpRange(ip);
    return r !== null && opts.internal.some((n) => n.v === r.v && r.lo >= n.lo && r.hi <= n.hi);
  };
  const rows = missing.map((r) => String(r[0]));
  await s.append(
    'det_dns_class',
    ['varchar', 'boolean'],
    rows.map((ip) => [ip, inside(ip)]),
  );
  classKeys.set(s, key);
  return params;
}

/** Drops the given temp tables, if they exist. */
export async function dropDnsTables(s: AnalyticsSession, ...tables: string[]): Promise<void> {
  for (const t of tables) await s.run(`DROP TABLE IF EXISTS ${t}`);
}
