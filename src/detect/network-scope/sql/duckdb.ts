import ipaddr from 'ipaddr.js';
import type { NetworkScopeSql } from '../network-scope-query.js';

// Blocks are IPv4 /24 and IPv6 /64: the size of one office LAN or one delegated prefix.
const blockSql = (alias: string) => `${alias}.n >> (CASE ${alias}.v WHEN 4 THEN 8 ELSE 64 END)::UHUGEINT`;

/** The CIDR text of a block number from `blockSql`. */
export function blockCidr(v: number, block: bigint): string {
  if (v === 4) {
    const n = Number(block << 8n);
    return `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}/24`;
  }
  const value = block << 64n;
  const bytes = Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(120 - i * 8)) & 255n));
  return `${ipaddr.fromByteArray(bytes).toString()}/64`;
}

// Multicast, broadcast, link-local and unspecified addresses never leave the link: neither side's servers or
// networks, so they are left out of the mix and the evidence.
const linkOnly = (a: string) =>
  `coalesce((${a}.v = 4 AND (${a}.n >= 3758096384 OR ${a}.n >> 16::UHUGEINT = 43518))
            OR (${a}.v = 6 AND (${a}.n >> 120::UHUGEINT = 255 OR ${a}.n >> 118::UHUGEINT = 1018
                                OR ${a}.n >> 64::UHUGEINT = 0)), false)`;

/** Traffic mix and network evidence in DuckDB's SQL. */
export const duckdbNetworkScope: NetworkScopeSql = {
  async trafficMix(s, opts) {
    await s.settle();
    await s.classify(opts.internal);
    const params = s.hooks.windowParams(opts);
    await s.run(
      `CREATE OR REPLACE TEMP TABLE net_mix AS
         WITH p AS (SELECT orig_h, resp_h, count(*)::BIGINT AS n FROM conn
                    WHERE NOT coalesce(is_open, false) AND ${s.hooks.window()} GROUP BY ALL)
         SELECT p.n, coalesce(oc.internal, false) AS oi, coalesce(rc.internal, false) AS ri,
                os.v AS ov, ${blockSql('os')} AS ob, rs.v AS rv, ${blockSql('rs')} AS rb
         FROM p LEFT JOIN det_class oc ON oc.ip = p.orig_h LEFT JOIN det_class rc ON rc.ip = p.resp_h
                LEFT JOIN seen_ips os ON os.ip = p.orig_h LEFT JOIN seen_ips rs ON rs.ip = p.resp_h
         WHERE NOT ${linkOnly('rs')} AND NOT ${linkOnly('os')}`,
      params,
    );
    try {
      const totals = await s.objects(`SELECT oi, ri, sum(n)::BIGINT AS n FROM net_mix GROUP BY ALL`);
      const count = (oi: boolean, ri: boolean) =>
        Number(totals.find((t) => t['oi'] === oi && t['ri'] === ri)?.['n'] ?? 0);
      const pairs = await s.objects(
        `SELECT ov, ob::VARCHAR AS ob, rv, rb::VARCHAR AS rb, sum(n)::BIGINT AS n FROM net_mix
             WHERE oi AND ri AND ov IS NOT NULL AND rv IS NOT NULL
             GROUP BY ALL ORDER BY n DESC, ob, rb LIMIT 8`,
      );
      const ii = count(true, true);
      const ie = count(true, false);
      const ei = count(false, true);
      const ee = count(false, false);
      return {
        connections: ii + ie + ei + ee,
        internalToInternal: ii,
        internalToExternal: ie,
        externalToInternal: ei,
        externalToExternal: ee,
        internalPairs: pairs.map((r) => ({
          from: blockCidr(Number(r['ov']), BigInt(String(r['ob']))),
          to: blockCidr(Number(r['rv']), BigInt(String(r['rb']))),
          connections: Number(r['n']),
        })),
      };
    } finally {
      await s.run(`DROP TABLE IF EXISTS net_mix`);
    }
  },

  async networkEvidence(s, opts) {
    await s.settle();
    const params = { ...s.hooks.windowParams(opts), limit: opts.limit ?? 10 };
    // DHCP leases live in events (Zeek's dhcp.log has no table of its own).
    const rows = await s.objects(
      `WITH roles AS (
             SELECT orig_h AS ip, false AS dhcp, false AS dns, count(*)::BIGINT AS init, 0::BIGINT AS recv
               FROM conn WHERE ${s.hooks.window()} GROUP BY 1
             UNION ALL SELECT resp_h, false, false, 0, count(*)::BIGINT FROM conn WHERE ${s.hooks.window()} GROUP BY 1
             UNION ALL SELECT orig_h, false, true, 0, 0 FROM dns WHERE ${s.hooks.window()} GROUP BY 1
             UNION ALL SELECT ip, true, false, 0, 0 FROM (
               SELECT unnest([extra->>'assigned_addr', extra->>'client_addr', extra->>'requested_addr']) AS ip
               FROM events WHERE log_type = 'dhcp' AND ${s.hooks.window()})
           ),
           addr AS (SELECT ip, bool_or(dhcp) AS dhcp, bool_or(dns) AS dns, sum(init) AS init, sum(recv) AS recv
                    FROM roles WHERE ip IS NOT NULL AND ip <> '0.0.0.0' GROUP BY ip)
           SELECT s.v, (${blockSql('s')})::VARCHAR AS block,
                  count(*) FILTER (WHERE a.dhcp)::BIGINT AS dhcp,
                  count(*) FILTER (WHERE a.dns)::BIGINT AS dns,
                  count(*) FILTER (WHERE a.init > 0)::BIGINT AS initiators,
                  count(*) FILTER (WHERE a.init = 0 AND a.recv > 0)::BIGINT AS responders,
                  sum(a.init)::BIGINT AS initiated
           FROM addr a JOIN seen_ips s ON s.ip = a.ip
           WHERE NOT ${linkOnly('s')}
           GROUP BY ALL
           HAVING dhcp > 0 OR dns > 0 OR initiators > 0
           ORDER BY dhcp DESC, dns DESC, initiators DESC, initiated DESC, block
           LIMIT $limit`,
      params,
    );
    return rows.map((r) => ({
      network: blockCidr(Number(r['v']), BigInt(String(r['block']))),
      dhcpClients: Number(r['dhcp']),
      dnsClients: Number(r['dns']),
      initiators: Number(r['initiators']),
      respondersOnly: Number(r['responders']),
      connectionsInitiated: Number(r['initiated']),
    }));
  },
};
