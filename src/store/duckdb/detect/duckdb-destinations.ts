import type { DuckDBValue } from '@duckdb/node-api';
import ipaddr from 'ipaddr.js';
import type { IpRange } from '../../../net/ip-range.js';
import type { DestinationAggregates } from '../../detect/destinations-aggregates.js';
import { appendRows } from '../intel/duckdb-intel-append.js';
import {
  type DownloadJson,
  downloadResultSql,
  downloadSteps,
  toDownload,
} from './duckdb-destinations-downloads.js';
import { type OddJson, odditySteps, oddResultSql, toOdd } from './duckdb-destinations-oddities.js';
import {
  populationSql,
  type RareJson,
  rareResultSql,
  rareSteps,
  toRare,
} from './duckdb-destinations-rare.js';
import { live, pick } from './duckdb-destinations-sql.js';
import { type DuckDBDetectContext, isoSql, sharedTableState, windowParams } from './duckdb-detect-context.js';

/** The window and scope parameters every query of a call reads (`windowSql`). */
type Win = ReturnType<typeof windowParams>;

// Temp tables of the steps, dropped after each call so a failed run leaves nothing half-built behind.
const tables = [
  'dest_resolvers',
  'dest_suffixes',
  'dest_ip_cands',
  'dest_ip_pairs',
  'dest_hn',
  'dest_names',
  'dest_hd',
  'dest_doms',
  'dest_dom_cands',
  'dest_dom_pairs',
  'dest_answers',
  'dest_ua',
  'dest_fp',
  'dest_certs',
  'dest_odd_pairs',
  'dest_odd_flags',
  'dest_dl_mimes',
  'dest_dl',
  'dest_dl_pairs',
];

/** The rare-destinations, tls-http-oddities and payload-download aggregates over the DuckDB tables. */
export function duckdbDestinationAggregates(ctx: DuckDBDetectContext): DestinationAggregates {
  const json = async <T>(sql: string, params: Record<string, DuckDBValue> = {}): Promise<T[]> => {
    const r = await ctx.conn.runAndReadAll(sql, params);
    return JSON.parse(String(r.getRows()[0]?.[0] ?? '[]')) as T[];
  };
  const one = async (sql: string, params: Record<string, DuckDBValue> = {}) =>
    (await ctx.conn.runAndReadAll(sql, params)).getRows()[0]?.[0] ?? null;
  const drop = async () => {
    for (const t of tables) await ctx.conn.run(`DROP TABLE IF EXISTS ${t}`);
  };

  // dest_class outlives a call: the three destination detectors of a run share it, until the
  // networks or the stored batches change.
  let classKey: string | null = null;

  /**
   * det_class plus the addresses only the DNS, TLS and HTTP logs hold: seen_ips is filled from conn
   * and DNS answers, and a capture without a conn log must still tell inside from outside.
   */
  async function classify(internal: readonly IpRange[]): Promise<void> {
    await ctx.classify(internal);
    const { key, exists } = await sharedTableState(ctx.conn, 'dest_class', internal);
    if (exists && key === classKey) return;
    classKey = null;
    await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE dest_class AS SELECT ip, internal FROM det_class`);
    const missing = await ctx.conn.runAndReadAll(
      `SELECT DISTINCT x.ip FROM (
         SELECT DISTINCT orig_h AS ip FROM ssl UNION ALL SELECT DISTINCT resp_h FROM ssl
         UNION ALL SELECT DISTINCT orig_h FROM http UNION ALL SELECT DISTINCT resp_h FROM http
         UNION ALL SELECT DISTINCT orig_h FROM dns UNION ALL SELECT DISTINCT resp_h FROM dns) x
       ANTI JOIN det_class d ON d.ip = x.ip WHERE x.ip IS NOT NULL`,
    );
    const rows = missing.getRows().flatMap(([ip]) => {
      const inside = insideOf(String(ip), internal);
      return inside === null ? [] : [[String(ip), inside] as const];
    });
    await appendRows(ctx.conn, 'dest_class', ['varchar', 'boolean'], rows);
    classKey = key;
  }

  return {
    async rareDestinations(opts) {
      await ctx.settle();
      const win: Win = windowParams(opts);
      const limits = { ...win, maxHosts: opts.maxHosts, minHod: opts.minHoursOfDay, noConn: 0 };
      try {
        await classify(opts.internal);
        limits.noConn = Number(!(await one(`SELECT EXISTS (SELECT 1 FROM conn c WHERE ${live('c')})`, win)));
        await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE dest_suffixes (suffix VARCHAR)`);
        await appendRows(
          ctx.conn,
          'dest_suffixes',
          ['varchar'],
          [...new Set(opts.sharedSuffixes.map((s) => s.toLowerCase()))].map((s) => [s]),
        );
        for (const sql of rareSteps) await ctx.conn.run(sql, pick(sql, limits));
        const internalHosts = Number(await one(populationSql, win));
        await ctx.seenHistory(opts.sensors);
        const historyStart = await one(
          `SELECT ${isoSql('least((SELECT min(first_seen) FROM det_seen_ips), (SELECT min(first_seen) FROM det_seen_names))')}`,
        );
        const endpoints = (await json<RareJson>(rareResultSql, pick(rareResultSql, limits))).map(toRare);
        return {
          internalHosts,
          historyStart: historyStart === null ? null : String(historyStart),
          endpoints,
        };
      } finally {
        await drop();
      }
    },

    async tlsHttpOddities(opts) {
      await ctx.settle();
      const params = {
        ...windowParams(opts),
        rareMax: opts.rareMaxHosts,
        minUses: opts.minFingerprintUses,
        placeholder: opts.placeholderSubject,
      };
      try {
        await classify(opts.internal);
        for (const sql of odditySteps) await ctx.conn.run(sql, pick(sql, params));
        const internalHosts = Number(await one(`SELECT count(DISTINCT host)::BIGINT FROM dest_odd_pairs`));
        const endpoints = (await json<OddJson>(oddResultSql, pick(oddResultSql, params))).map(toOdd);
        return { internalHosts, endpoints };
      } finally {
        await drop();
      }
    },

    async payloadDownloads(opts) {
      await ctx.settle();
      const params = { ...windowParams(opts), maxHosts: opts.maxHosts };
      try {
        await classify(opts.internal);
        await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE dest_dl_mimes (mime VARCHAR, kind VARCHAR)`);
        const mimes = new Map(opts.mimeTypes.map((m) => [m.mime.toLowerCase(), m.kind]));
        await appendRows(ctx.conn, 'dest_dl_mimes', ['varchar', 'varchar'], [...mimes]);
        for (const sql of downloadSteps) await ctx.conn.run(sql, pick(sql, params));
        return (await json<DownloadJson>(downloadResultSql, params)).map(toDownload);
      } finally {
        await drop();
      }
    },
  };
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
