import type { SqlParams } from '../../analytics-session.js';
import { hostSql } from '../../sql/duckdb/duckdb-host-sql.js';
import type { PivotViewsSql, TrafficTotals } from '../pivot-views-query.js';
import { duckdbPairAggregates } from './duckdb-pair-series.js';
import { isoUs, num, textOrNull, usedParams } from './duckdb-params.js';
import { duckdbTelemetryHits } from './duckdb-search-hits.js';

// Byte counts as stored (capped per row by the IP-level count would be the detectors' business).
const totalsSql = `${isoUs('min(ts)')} AS first, ${isoUs('max(ts)')} AS last, count(*)::DOUBLE AS connections,
  coalesce(sum(orig_bytes), 0)::DOUBLE AS bytes_out, coalesce(sum(resp_bytes), 0)::DOUBLE AS bytes_in`;

const totalsOf = (r: Record<string, unknown> | undefined): TrafficTotals => ({
  first: textOrNull(r?.['first']),
  last: textOrNull(r?.['last']),
  connections: num(r?.['connections']),
  bytesOut: num(r?.['bytes_out']),
  bytesIn: num(r?.['bytes_in']),
});

const peerOf = (r: Record<string, unknown>) => ({
  ip: String(r['ip']),
  ports: ((r['ports'] as unknown[] | null) ?? []).map(Number),
  ...totalsOf(r),
});

/** The pivot aggregates in DuckDB's SQL. */
export const duckdbPivotViews: PivotViewsSql = {
  async hostTelemetry(s, ip, sensors) {
    await s.settle();
    const p = { ip, sensors: s.hooks.windowParams({ sensors }).sensors };
    const live = `NOT coalesce(is_open, false) AND ${s.hooks.scope()}`;
    // One connection: the queries run one after another.
    const out = await s.objects(`SELECT ${totalsSql} FROM conn WHERE orig_h = $ip AND ${live}`, p);
    const inb = await s.objects(`SELECT ${totalsSql} FROM conn WHERE resp_h = $ip AND ${live}`, p);
    const top = await s.objects(
      `SELECT resp_h AS ip, list(DISTINCT resp_p ORDER BY resp_p)[1:10] AS ports, ${totalsSql}
       FROM conn WHERE orig_h = $ip AND ${live} GROUP BY resp_h ORDER BY connections DESC, resp_h LIMIT 20`,
      p,
    );
    const queries = await s.objects(
      `SELECT ${hostSql('query')} AS name, count(*)::DOUBLE AS n FROM dns
       WHERE orig_h = $ip AND query IS NOT NULL AND query <> '' AND ${s.hooks.scope()}
       GROUP BY 1 ORDER BY n DESC, name LIMIT 20`,
      p,
    );
    return {
      outbound: totalsOf(out[0]),
      inbound: totalsOf(inb[0]),
      topDestinations: top.map(peerOf),
      topQueries: queries.map((r) => ({ name: String(r['name']), count: num(r['n']) })),
    };
  },

  async endpointTelemetry(s, target, sensors) {
    await s.settle();
    const p: SqlParams = {
      ips: [...target.ips],
      names: target.names.map((n) => n.toLowerCase()),
      sensors: s.hooks.windowParams({ sensors }).sensors,
    };
    const types = { ips: 'varchar[]', names: 'varchar[]' } as const;
    const where = `list_contains($ips, resp_h) AND NOT coalesce(is_open, false) AND ${s.hooks.scope()}`;
    const run = (sql: string) => s.objects(sql, usedParams(sql, p), types);
    const totals = await run(`SELECT ${totalsSql} FROM conn WHERE ${where}`);
    const clients = await run(
      `SELECT orig_h AS ip, list(DISTINCT resp_p ORDER BY resp_p)[1:10] AS ports, ${totalsSql}
         FROM conn WHERE ${where} GROUP BY orig_h ORDER BY connections DESC, orig_h LIMIT 50`,
    );
    const ports = await run(
      `SELECT resp_p AS port, proto, count(*)::DOUBLE AS n FROM conn WHERE ${where}
         GROUP BY ALL ORDER BY n DESC, port LIMIT 20`,
    );
    const certs = await run(
      `SELECT server_name, subject, issuer, ja3s, count(*)::DOUBLE AS n, ${isoUs('min(ts)')} AS first,
                ${isoUs('max(ts)')} AS last
         FROM ssl WHERE (list_contains($ips, resp_h) OR list_contains($names, ${hostSql('server_name')}))
           AND ${s.hooks.scope()}
         GROUP BY ALL ORDER BY n DESC, server_name NULLS LAST LIMIT 20`,
    );
    const ja3 = await run(
      `SELECT ja3, count(*)::DOUBLE AS n FROM ssl
         WHERE (list_contains($ips, resp_h) OR list_contains($names, ${hostSql('server_name')}))
           AND ja3 IS NOT NULL AND ja3 <> '' AND ${s.hooks.scope()}
         GROUP BY ja3 ORDER BY n DESC, ja3 LIMIT 20`,
    );
    return {
      totals: totalsOf(totals[0]),
      clients: clients.map(peerOf),
      ports: ports.map((r) => ({
        port: num(r['port']),
        proto: textOrNull(r['proto']),
        connections: num(r['n']),
      })),
      certificates: certs.map((r) => ({
        serverName: textOrNull(r['server_name']),
        subject: textOrNull(r['subject']),
        issuer: textOrNull(r['issuer']),
        ja3s: textOrNull(r['ja3s']),
        sessions: num(r['n']),
        first: textOrNull(r['first']),
        last: textOrNull(r['last']),
      })),
      ja3: ja3.map((r) => ({ ja3: String(r['ja3']), sessions: num(r['n']) })),
    };
  },

  async incidentsWith(s, value, scope) {
    // Hosts are matched by address; servers by an exact string of their addresses or names.
    const rows = await s.objects(
      `WITH latest AS (SELECT * FROM incidents WHERE run_id = (SELECT max(run_id) FROM incidents)
                       AND ($scope::VARCHAR IS NULL OR scope = $scope)),
       m AS (
         SELECT incident_id, 'host' AS as_,
                list_contains(json_extract_string(body, '$.incident.hosts[*].ip'), $v) AS hit FROM latest
         UNION ALL
         SELECT incident_id, 'server',
                list_contains(flatten(json_extract(body, '$.incident.servers[*].ips')::VARCHAR[][]), $v)
                OR list_contains(flatten(json_extract(body, '$.incident.servers[*].domains')::VARCHAR[][]), lower($v))
         FROM latest)
       SELECT i.incident_id, i.severity, i.score, i.summary, i.first_seen, i.last_seen, i.scope, min(m.as_) AS as_
       FROM latest i JOIN m USING (incident_id) WHERE m.hit
       GROUP BY ALL ORDER BY i.score DESC, i.incident_id LIMIT 100`,
      { v: value, scope: scope ?? null },
    );
    return rows.map((r) => ({
      id: String(r['incident_id']),
      severity: String(r['severity']),
      score: num(r['score']),
      summary: String(r['summary']),
      firstSeen: String(r['first_seen']),
      lastSeen: String(r['last_seen']),
      scope: textOrNull(r['scope']),
      as: r['as_'] === 'host' ? ('host' as const) : ('server' as const),
    }));
  },

  pairAggregates: duckdbPairAggregates,
  telemetryHits: duckdbTelemetryHits,

  async addressesIn(s, range, limit) {
    await s.settle();
    const rows = await s.rows(
      `SELECT ip FROM seen_ips WHERE v = $v AND n BETWEEN $lo::UHUGEINT AND $hi::UHUGEINT ORDER BY n LIMIT $limit`,
      { v: range.v, lo: range.lo.toString(), hi: range.hi.toString(), limit },
    );
    return rows.map((r) => String(r[0]));
  },

  async entityIndicators(s, id, page) {
    const rows = await s.objects(
      `WITH k AS (SELECT DISTINCT key FROM intel_indicator_links WHERE entity_id = $id)
       SELECT i.type, i.value, i.port, i.confidence, ${isoUs('i.first_seen')} AS first_seen,
              ${isoUs('i.last_seen')} AS last_seen, coalesce(i.warninglists, []) AS warninglists,
              count(*) OVER ()::DOUBLE AS total
       FROM intel_indicators i JOIN k USING (key) ORDER BY i.type, i.value, i.port NULLS FIRST
       LIMIT $limit OFFSET $offset`,
      { id, limit: page.limit, offset: page.offset },
    );
    let total = num(rows[0]?.['total']);
    if (rows.length === 0 && page.offset > 0) {
      const c = await s.rows(
        `SELECT count(DISTINCT key)::DOUBLE FROM intel_indicator_links WHERE entity_id = $id`,
        { id },
      );
      total = num(c[0]?.[0]);
    }
    return {
      total,
      items: rows.map((r) => ({
        type: String(r['type']),
        value: String(r['value']),
        port: r['port'] === null ? null : num(r['port']),
        confidence: r['confidence'] === null ? null : num(r['confidence']),
        firstSeen: textOrNull(r['first_seen']),
        lastSeen: textOrNull(r['last_seen']),
        warninglists: ((r['warninglists'] as unknown[] | null) ?? []).map(String),
      })),
    };
  },

  async entitySightings(s, id, limit) {
    await s.settle();
    const rows = await s.objects(
      `WITH i AS (SELECT DISTINCT i.type, i.value FROM intel_indicator_links l JOIN intel_indicators i USING (key)
                  WHERE l.entity_id = $id)
       SELECT i.type, i.value, ${isoUs('min(x.first_seen)')} AS first_seen FROM i JOIN (
         SELECT ip AS value, first_seen FROM seen_ips UNION ALL SELECT name, first_seen FROM seen_names
         UNION ALL SELECT lower(h), min(ts) FROM (SELECT unnest([md5, sha1, sha256]) AS h, ts FROM files)
           WHERE h IS NOT NULL GROUP BY 1) x ON x.value = i.value
       GROUP BY ALL ORDER BY first_seen, i.value LIMIT $limit`,
      { id, limit },
    );
    return rows.map((r) => ({
      type: String(r['type']),
      value: String(r['value']),
      firstSeen: textOrNull(r['first_seen']),
    }));
  },

  async valueSighting(s, value) {
    await s.settle();
    const rows = await s.objects(
      `SELECT kind, ${isoUs('min(first_seen)')} AS first_seen FROM (
         SELECT 'address' AS kind, first_seen FROM seen_ips WHERE ip = $v
         UNION ALL SELECT 'name', first_seen FROM seen_names WHERE name = lower($v)
         UNION ALL SELECT 'file', ts FROM files WHERE lower($v) IN (lower(md5), lower(sha1), lower(sha256)))
       GROUP BY kind ORDER BY first_seen LIMIT 1`,
      { v: value },
    );
    const r = rows[0];
    return r ? { type: String(r['kind']), value, firstSeen: textOrNull(r['first_seen']) } : null;
  },
};
