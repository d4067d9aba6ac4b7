import { tryIpRange } from '../../../net/ip-range.js';
import type { DnsAggregates, DnsWindowOptions } from '../../detect/dns-aggregates.js';
import { appendRows } from '../intel/duckdb-intel-append.js';
import {
  type DuckDBDetectContext,
  sharedTableState,
  windowParams,
  windowSql,
} from './duckdb-detect-context.js';
import { duckdbDgaAggregates } from './duckdb-dga.js';
import type { DuckDBDnsContext } from './duckdb-dns-sql.js';
import { duckdbDnsTunnelAggregates } from './duckdb-dns-tunnel.js';

/** The dns-tunnelling and dga aggregates over the DuckDB tables. */
export function duckdbDnsAggregates(ctx: DuckDBDetectContext): DnsAggregates {
  const { conn } = ctx;

  // det_dns_class outlives a call: the DNS detectors of a run share it.
  let classKey: string | null = null;

  /**
   * det_dns_class: det_class plus the DNS addresses it lacks (seen_ips is built from conn, so a
   * DNS-only capture would otherwise have no internal clients at all).
   */
  async function prepare(opts: DnsWindowOptions): Promise<Record<string, unknown>> {
    await ctx.settle();
    await ctx.classify(opts.internal);
    const params = windowParams(opts);
    const { key, exists } = await sharedTableState(conn, 'det_dns_class', opts.internal, opts);
    if (exists && key === classKey) return params;
    classKey = null;
    const missing = await conn.runAndReadAll(
      `SELECT DISTINCT ip FROM (SELECT orig_h AS ip FROM dns WHERE ${windowSql()}
                                UNION ALL SELECT resp_h FROM dns WHERE ${windowSql()})
       WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM det_class)`,
      params,
    );
    await conn.run(`CREATE OR REPLACE TEMP TABLE det_dns_class AS SELECT ip, internal FROM det_class`);
    const inside = (ip: string) => {
      const r = tryIpRange(ip);
      return r !== null && opts.internal.some((n) => n.v === r.v && r.lo >= n.lo && r.hi <= n.hi);
    };
    const rows = missing.getRows().map((r) => String(r[0]));
    await appendRows(
      conn,
      'det_dns_class',
      ['varchar', 'boolean'],
      rows.map((ip) => [ip, inside(ip)]),
    );
    classKey = key;
    return params;
  }

  async function dropAll(...tables: string[]): Promise<void> {
    for (const t of tables) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  }

  const dns: DuckDBDnsContext = { conn, prepare, dropAll };
  return {
    ...duckdbDnsTunnelAggregates(dns),
    ...duckdbDgaAggregates(dns),
    async dnsResolvers(opts) {
      const params = await prepare(opts);
      const r = await conn.runAndReadAll(
        `SELECT d.resp_h AS ip, count(DISTINCT d.orig_h)::BIGINT AS clients
         FROM dns d JOIN det_dns_class o ON o.ip = d.orig_h AND o.internal
           JOIN det_dns_class r ON r.ip = d.resp_h AND r.internal
         WHERE ${windowSql('d.ts')} GROUP BY d.resp_h HAVING count(DISTINCT d.orig_h) >= 2`,
        params as never,
      );
      return new Map(r.getRowObjectsJson().map((x) => [String(x['ip']), Number(x['clients'])]));
    },
  };
}
