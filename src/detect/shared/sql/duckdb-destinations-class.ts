import ipaddr from 'ipaddr.js';
import type { IpRange } from '../../../net/ip-range.js';
import type { AnalyticsSession } from '../../../store/analytics-session.js';

// dest_class outlives a call: the three destination detectors of a run share it, until the networks
// or the stored batches change. The key it was built from is kept per session.
const built = new WeakMap<AnalyticsSession, string>();

/**
 * The temp table `dest_class(ip, internal)`: det_class plus the addresses only the DNS, TLS and HTTP
 * logs hold. seen_ips is filled from conn and DNS answers, and a capture without a conn log must
 * still tell inside from outside.
 */
export async function classifyDestinations(s: AnalyticsSession, internal: readonly IpRange[]): Promise<void> {
  await s.classify(internal);
  const { key, exists } = await s.sharedTable('dest_class', internal);
  if (exists && key === built.get(s)) return;
  built.delete(s);
  await s.run(`CREATE OR REPLACE TEMP TABLE dest_class AS SELECT ip, internal FROM det_class`);
  const missing = await s.rows(
    `SELECT DISTINCT x.ip FROM (
         SELECT DISTINCT orig_h AS ip FROM ssl UNION ALL SELECT DISTINCT resp_h FROM ssl
         UNION ALL SELECT DISTINCT orig_h FROM http UNION ALL SELECT DISTINCT resp_h FROM http
         UNION ALL SELECT DISTINCT orig_h FROM dns UNION ALL SELECT DISTINCT resp_h FROM dns) x
       ANTI JOIN det_class d ON d.ip = x.ip WHERE x.ip IS NOT NULL`,
  );
  const rows = missing.flatMap(([ip]) => {
    const inside = insideOf(String(ip), internal);
    return inside === null ? [] : [[String(ip), inside] as const];
  });
  await s.append('dest_class', ['varchar', 'boolean'], rows);
  built.set(s, key);
}

/** Drops a call's temp tables, so a failed run leaves nothing half-built behind. */
export async function dropTables(s: AnalyticsSession, tables: readonly string[]): Promise<void> {
  for (const t of tables) await s.run(`DROP TABLE IF EXISTS ${t}`);
}

/** Whether an address is in the monitored networks; null for text that is not an address. */
function insideOf(ip: string, internal: readonly IpRange[]): boolean | null {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(ip)) addr = ipaddr.IPv4.parse(ip);
  else if (ip.includes(':') && ipaddr.IPv6.isValid(ip)) addr = ipaddr.IPv6.parse(ip);
  else return null;
  if (addr instanceof ipaddr.IPv6 && addr.isIPv4MappedAddress()) addr = addr.toIPv4Address();
  const v = addr.kind() === 'ipv4' ? 4 : 6;
  const n = addr.toByteArray().reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  return internal.some((r) => r.v === v && n >= r.lo && n <= r.hi);
}
