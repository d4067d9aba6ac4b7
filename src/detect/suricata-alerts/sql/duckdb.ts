import type { IpRange } from '../../../net/ip-range.js';
import { tryIpRange } from '../../../net/ip-range.js';
import type { AnalyticsSession, SqlParams } from '../../../store/analytics-session.js';
import type { DialectHooks } from '../../../store/sql/dialect-hooks.js';
import { countSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';
import type { AlertGroup, AlertSignature, SuricataAlertsSql } from '../suricata-alerts-query.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Which side started the flow. Suricata 7 names it (`flow.src_ip`); a Suricata flow record of the
 * same flow id names it; `direction` says which way the alerting packet went; a flow with no packet
 * towards its client means the packet came from the client; failing all that, the side on a
 * well-known or non-ephemeral port is the server.
 */
const clientSql = `CASE
  WHEN x[1] IN (r.orig_h, r.resp_h) THEN x[1]
  WHEN f.fo IN (r.orig_h, r.resp_h) THEN f.fo
  WHEN x[2] = 'to_server' THEN r.orig_h
  WHEN x[2] = 'to_client' THEN r.resp_h
  WHEN try_cast(x[3] AS BIGINT) = 0 THEN r.orig_h
  WHEN r.resp_p < 1024 AND r.orig_p >= 1024 THEN r.orig_h
  WHEN r.orig_p < 1024 AND r.resp_p >= 1024 THEN r.resp_h
  WHEN r.orig_p >= 49152 AND r.resp_p < 49152 THEN r.orig_h
  WHEN r.resp_p >= 49152 AND r.orig_p < 49152 THEN r.resp_h
  ELSE r.orig_h END`;

// Alerts are first folded per flow and rule (a C2 channel raises the same rule on every packet), so
// the EVE record is parsed once per flow; its last alert carries the flow's final counters.
const groupsSql = (h: DialectHooks) => `
WITH pick AS (SELECT s.*, p.rank_out, p.rank_in FROM det_alert_sigs s JOIN det_alert_pick p USING (k)),
folded AS MATERIALIZED (
  SELECT p.k, p.rank_out, p.rank_in, coalesce(a.uid, a.ts::VARCHAR) AS flow, a.uid, a.orig_h, a.orig_p,
         a.resp_h, a.resp_p, count(*) AS n, min(a.ts) AS t0, max(a.ts) AS t1, arg_max(a.extra, (a.ts, a.extra::VARCHAR)) AS extra
  FROM alerts a JOIN pick p ON coalesce(a.gid, 0) = p.gid0 AND coalesce(a.signature_id, 0) = p.sid0
                           AND coalesce(a.signature, '') = p.sig0
  WHERE ${h.window('a.ts')}
  GROUP BY ALL),
raw AS MATERIALIZED (
  SELECT * EXCLUDE (extra),
         json_extract_string(extra, ['$.flow.src_ip', '$.direction', '$.flow.pkts_toclient',
                                     '$.flow.bytes_toclient', '$.http.hostname', '$.tls.sni']) AS x
  FROM folded),
flows AS (
  SELECT uid, any_value(orig_h) AS fo, max(${countSql('resp_bytes')}) AS frb FROM conn
  WHERE uid IN (SELECT uid FROM raw WHERE uid IS NOT NULL) AND ${h.scope()} GROUP BY uid),
sided AS (
  SELECT r.*, ${clientSql} AS client, coalesce(f.frb, try_cast(x[4] AS UBIGINT)) AS server_bytes
  FROM raw r LEFT JOIN flows f USING (uid)),
placed AS MATERIALIZED (
  SELECT k, n, t0, t1, flow, server_bytes, coalesce(x[5], x[6]) AS domain,
         ci.internal AS outbound,
         CASE WHEN ci.internal THEN client ELSE server END AS host,
         CASE WHEN ci.internal THEN server ELSE client END AS endpoint,
         CASE WHEN ci.internal THEN rank_out ELSE rank_in END AS rk,
         CASE WHEN client = orig_h THEN resp_p ELSE orig_p END AS server_port
  FROM (SELECT *, CASE WHEN client = orig_h THEN resp_h ELSE orig_h END AS server FROM sided) s
    -- Outer joins keep the planner from pairing the two lookups on the inequality below.
    LEFT JOIN det_alert_class ci ON ci.ip = s.client
    LEFT JOIN det_alert_class si ON si.ip = s.server
  WHERE ci.internal <> si.internal),
-- Distinct counts as two-level aggregates: DuckDB's DISTINCT aggregates are slow over many groups.
pair_flows AS (
  SELECT host, endpoint, count(*) AS pf, max(rk) AS rk, sum(n) AS n
  FROM (SELECT host, endpoint, flow, max(rk) AS rk, sum(n) AS n FROM placed GROUP BY ALL) GROUP BY ALL),
pairs AS (
  SELECT host, endpoint, pf FROM pair_flows
  QUALIFY row_number() OVER (PARTITION BY host ORDER BY rk DESC, n DESC, endpoint) <= $perHost),
hosts AS (SELECT DISTINCT k, outbound, host, endpoint FROM placed),
sig_hosts AS (SELECT k, outbound, count(DISTINCT host) AS sh FROM hosts GROUP BY k, outbound),
ep_hosts AS (SELECT endpoint, count(*) AS eh FROM (SELECT DISTINCT endpoint, host FROM hosts) GROUP BY endpoint),
in_sources AS (
  SELECT host, count(*) AS src FROM (SELECT DISTINCT host, endpoint FROM hosts WHERE NOT outbound) GROUP BY host),
kept AS (SELECT p.* FROM placed p SEMI JOIN pairs USING (host, endpoint)),
grouped AS (
  SELECT host, endpoint, outbound, k, sum(n) AS n, count(DISTINCT flow) AS flows,
         ${h.iso('min(t0)')} AS first, ${h.iso('max(t1)')} AS last, approx_top_k(server_port, 5) AS ports,
         max(server_bytes) AS sb, any_value(domain) AS dom
  FROM kept GROUP BY ALL)
SELECT coalesce(to_json(list({h: g.host, e: g.endpoint, o: g.outbound, k: g.k, n: g.n, fl: g.flows,
         f: g.first, l: g.last, p: g.ports, sb: g.sb, d: g.dom, pf: pr.pf, sh: s.sh, eh: e.eh,
         src: coalesce(i.src, 0)}))::VARCHAR, '[]') AS j
FROM grouped g JOIN pairs pr USING (host, endpoint) JOIN sig_hosts s USING (k, outbound)
  JOIN ep_hosts e USING (endpoint) LEFT JOIN in_sources i USING (host)`;

const ipv4Number = `((p[1]::UBIGINT << 24) | (p[2]::UBIGINT << 16) | (p[3]::UBIGINT << 8) | p[4]::UBIGINT)::UHUGEINT`;

/**
 * Classifies the alert addresses the seen-address dictionary lacks (alerts-only inputs feed no conn
 * rows): IPv4 ones in SQL against the monitored ranges, the rare IPv6 ones in TypeScript. Returns how
 * many of them are internal.
 */
async function classifyAlertAddresses(
  s: AnalyticsSession,
  internal: readonly IpRange[],
  params: SqlParams,
): Promise<number> {
  await s.run(
    `CREATE OR REPLACE TEMP TABLE det_alert_ips AS
     SELECT DISTINCT ip FROM (SELECT orig_h AS ip, ts, sensor FROM alerts UNION ALL SELECT resp_h, ts, sensor FROM alerts)
     WHERE ip IS NOT NULL AND ${s.hooks.window('ts')}`,
    params,
  );
  await s.run(`CREATE OR REPLACE TEMP TABLE det_alert_ranges (v TINYINT, lo UHUGEINT, hi UHUGEINT)`);
  await s.append(
    'det_alert_ranges',
    ['tinyint', 'uhugeint', 'uhugeint'],
    internal.map((r) => [r.v, r.lo, r.hi]),
  );
  await s.run(
    `CREATE OR REPLACE TEMP TABLE det_alert_extra AS
     SELECT ip, EXISTS (SELECT 1 FROM det_alert_ranges d WHERE d.v = 4 AND n BETWEEN d.lo AND d.hi) AS internal
     FROM (SELECT ip, ${ipv4Number} AS n FROM (
             SELECT ip, list_transform(string_split(ip, '.'), x -> try_cast(x AS UTINYINT)) AS p
             FROM det_alert_ips ANTI JOIN det_class USING (ip) WHERE NOT contains(ip, ':'))
           WHERE len(p) = 4 AND list_bool_and(list_transform(p, x -> x IS NOT NULL)))`,
  );
  const v6 = await s.objects(
    `SELECT ip FROM det_alert_ips ANTI JOIN det_class USING (ip) WHERE contains(ip, ':')`,
    {},
  );
  await s.append(
    'det_alert_extra',
    ['varchar', 'boolean'],
    v6.flatMap((r) => {
      const ip = String(r['ip']);
      const a = tryIpRange(ip);
      if (!a || a.lo !== a.hi) return [];
      return [[ip, internal.some((n) => n.v === a.v && a.lo >= n.lo && a.lo <= n.hi)] as const];
    }),
  );
  await s.run(
    `CREATE OR REPLACE TEMP TABLE det_alert_class AS
     SELECT ip, internal FROM det_alert_ips JOIN det_class USING (ip)
     UNION ALL SELECT ip, internal FROM det_alert_extra`,
  );
  const n = await s.objects(`SELECT count(*)::BIGINT AS n FROM det_alert_extra WHERE internal`, {});
  return Number(n[0]?.['n'] ?? 0);
}

function toSignature(r: Row): AlertSignature {
  return {
    key: Number(r['k']),
    gid: num(r['gid']),
    signatureId: num(r['signature_id']),
    signature: String(r['signature'] ?? ''),
    category: r['category'] === null || r['category'] === undefined ? null : String(r['category']),
    severity: num(r['severity']),
    metadata: r['metadata'] === null || r['metadata'] === undefined ? null : String(r['metadata']),
    alerts: Number(r['n']),
  };
}

interface GroupJson {
  h: string;
  e: string;
  o: boolean;
  k: number;
  n: number;
  fl: number;
  f: string;
  l: string;
  p: (number | null)[] | null;
  sb: number | null;
  d: string | null;
  pf: number;
  sh: number;
  eh: number;
  src: number;
}

function toGroup(x: GroupJson): AlertGroup {
  return {
    host: x.h,
    endpoint: x.e,
    outbound: x.o,
    signature: Number(x.k),
    alerts: Number(x.n),
    flows: Number(x.fl),
    first: x.f,
    last: x.l,
    ports: (x.p ?? []).filter((p) => p !== null).map(Number),
    serverBytes: num(x.sb),
    domain: x.d,
    pairFlows: Number(x.pf),
    signatureHosts: Number(x.sh),
    endpointHosts: Number(x.eh),
    inboundSources: Number(x.src),
  };
}

/** The suricata-alerts aggregates in DuckDB's SQL. */
export const duckdbSuricataAlerts: SuricataAlertsSql = {
  async alertGroups(s, opts) {
    await s.settle();
    const window = s.hooks.windowParams(opts);
    // The distinct rules first: a few thousand rows, scored in TypeScript before any alert is grouped.
    await s.run(
      `CREATE OR REPLACE TEMP TABLE det_alert_sigs AS
         SELECT row_number() OVER (ORDER BY count(*) DESC, gid0, sid0, sig0) AS k, gid0, sid0, sig0,
                any_value(gid) AS gid, any_value(signature_id) AS signature_id, any_value(signature) AS signature,
                mode(category) AS category, min(severity) AS severity, any_value(metadata)::VARCHAR AS metadata,
                count(*) AS n
         FROM (SELECT *, coalesce(gid, 0) AS gid0, coalesce(signature_id, 0) AS sid0,
                      coalesce(signature, '') AS sig0 FROM alerts WHERE ${s.hooks.window('ts')})
         GROUP BY gid0, sid0, sig0`,
      window,
    );
    try {
      const signatures = (
        await s.objects(
          `SELECT k, gid, signature_id, signature, category, severity, metadata, n FROM det_alert_sigs ORDER BY k`,
          {},
        )
      ).map(toSignature);
      const picks = signatures.flatMap((sig) => {
        const r = opts.rank(sig);
        return r ? [[sig.key, r.outbound, r.inbound] as const] : [];
      });
      await s.classify(opts.internal);
      // The network's hosts are the scope's: another sensor's addresses are another network's.
      await s.seenHistory(opts.sensors);
      const seenInternal = Number(
        (
          await s.objects(
            `SELECT count(*)::BIGINT AS n FROM det_class d SEMI JOIN det_seen_ips s ON s.ip = d.ip WHERE d.internal`,
            {},
          )
        )[0]?.['n'] ?? 0,
      );
      if (picks.length === 0) return { signatures, groups: [], internalHosts: seenInternal };
      await s.run(`CREATE OR REPLACE TEMP TABLE det_alert_pick (k BIGINT, rank_out DOUBLE, rank_in DOUBLE)`);
      await s.append('det_alert_pick', ['bigint', 'double', 'double'], picks);
      const extraInternal = await classifyAlertAddresses(s, opts.internal, window);
      const r = await s.objects(groupsSql(s.hooks), { ...window, perHost: opts.perHost });
      const groups = (JSON.parse(String(r[0]?.['j'] ?? '[]')) as GroupJson[]).map(toGroup);
      return { signatures, groups, internalHosts: seenInternal + extraInternal };
    } finally {
      for (const t of [
        'det_alert_sigs',
        'det_alert_pick',
        'det_alert_ips',
        'det_alert_ranges',
        'det_alert_extra',
        'det_alert_class',
      ])
        await s.run(`DROP TABLE IF EXISTS ${t}`);
    }
  },
};
