import { prepareDns } from '../../shared/sql/duckdb-dns-tables.js';
import type { ThreatIntelSql } from '../threat-intel-query.js';

/** The threat-intel aggregates in DuckDB's SQL. */
export const duckdbThreatIntel: ThreatIntelSql = {
  async dnsResolvers(s, opts) {
    const params = await prepareDns(s, opts);
    const r = await s.objects(
      `SELECT d.resp_h AS ip, count(DISTINCT d.orig_h)::BIGINT AS clients
         FROM dns d JOIN det_dns_class o ON o.ip = d.orig_h AND o.internal
           JOIN det_dns_class r ON r.ip = d.resp_h AND r.internal
         WHERE ${s.hooks.window('d.ts')} GROUP BY d.resp_h HAVING count(DISTINCT d.orig_h) >= 2`,
      params,
    );
    return new Map(r.map((x) => [String(x['ip']), Number(x['clients'])]));
  },
};
