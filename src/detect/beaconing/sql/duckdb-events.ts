import type { AnalyticsSession, SqlParams } from '../../../store/analytics-session.js';
import { httpHostSql } from '../../../store/sql/duckdb/duckdb-host-sql.js';
import { countSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';

/**
 * One row per outbound connection of an internal host (`det_ev`), with the server's name: SNI or
 * HTTP Host of the same connection, else the name this host (or, failing that, any host) looked up
 * and got the address back for. HTTP and TLS records of a sensor that logged no connections (http
 * and ssl logs without conn.log) are events of their own, and so are requests through an internal proxy, which name the true server.
 */
export async function buildEvents(s: AnalyticsSession, params: SqlParams): Promise<void> {
  const w = (t: string) => s.hooks.window(`${t}.ts`);
  await s.run(
    `CREATE OR REPLACE TEMP TABLE det_app AS
       SELECT a.*, r.internal AS resp_internal FROM (
         SELECT uid, sensor, orig_h, resp_h, resp_p, ts, nullif(rtrim(lower(server_name), '.'), '') AS name,
                NULL::BIGINT AS ob, NULL::BIGINT AS rb, false AS proxied
           FROM ssl s WHERE ${w('s')}
         UNION ALL
         SELECT uid, sensor, orig_h, resp_h, resp_p, ts,
                nullif(${httpHostSql('h')}, ''),
                ${countSql('request_body_len')}, ${countSql('response_body_len')},
                method = 'CONNECT' OR lower(uri) LIKE 'http://%' OR lower(uri) LIKE 'https://%'
           FROM http h WHERE ${w('h')}) a
       JOIN det_class o ON o.ip = a.orig_h AND o.internal
       JOIN det_class r ON r.ip = a.resp_h`,
    params,
  );
  // Address → name as each host learnt it from DNS, and as the network did (a sensor that sees
  // only the resolver's lookups, or a cached answer).
  await s.run(
    `CREATE OR REPLACE TEMP TABLE det_dnsmap AS
       SELECT hash(orig_h, ip) AS hk, ip, arg_max(name, (c, name)) AS name FROM (
         SELECT orig_h, ip, name, count(*) AS c FROM (
           SELECT d.orig_h, unnest(d.answers) AS ip, rtrim(lower(d.query), '.') AS name FROM dns d
           WHERE ${w('d')} AND d.query IS NOT NULL AND d.answers IS NOT NULL)
         GROUP BY ALL)
       GROUP BY orig_h, ip`,
    params,
  );
  await s.run(
    `CREATE OR REPLACE TEMP TABLE det_dnsglobal AS
       SELECT ip, arg_max(name, (c, name)) AS name FROM (SELECT ip, name, count(*) AS c FROM det_dnsmap GROUP BY ALL) GROUP BY ip`,
  );
  await s.run(
    `CREATE OR REPLACE TEMP TABLE det_ev AS
       -- Keyed on the uid's 64-bit hash: grouping and joining millions of strings costs twice as much,
       -- and a collision among a few million uids is a one-in-millions chance of one misnamed event.
       WITH app AS (
         SELECT hash(uid) AS hu, arg_min(name, (ts, name)) AS name FROM det_app WHERE name IS NOT NULL GROUP BY hu)
       SELECT c.orig_h, c.resp_h, true AS ext, c.resp_p, c.resp_p || '/' || c.proto AS port_key, c.ts,
              ${countSql('c.orig_bytes')} AS ob, ${countSql('c.resp_bytes')} AS rb,
              coalesce(app.name, hm.name, gm.name) AS name
       FROM conn c
         JOIN det_class o ON o.ip = c.orig_h AND o.internal
         JOIN det_class r ON r.ip = c.resp_h AND NOT r.internal
         LEFT JOIN app ON app.hu = hash(c.uid)
         LEFT JOIN det_dnsmap hm ON hm.hk = hash(c.orig_h, c.resp_h)
         LEFT JOIN det_dnsglobal gm ON gm.ip = c.resp_h
       WHERE NOT coalesce(c.is_open, false) AND ${w('c')}
         -- Time and name service are periodic by design and have their own detectors (DNS tunnelling).
         AND NOT (c.resp_p IN (53, 123) AND c.proto = 'udp')
       UNION ALL
       SELECT a.orig_h, a.resp_h, NOT a.resp_internal, a.resp_p, a.resp_p || '/tcp', a.ts,
              ${countSql('coalesce(c.orig_bytes, a.ob)')}, ${countSql('coalesce(c.resp_bytes, a.rb)')}, a.name
       FROM (
         -- A sensor that logs connections has a conn row for each of its sessions (already events
         -- above); only a sensor without (http and ssl logs alone) needs its sessions looked up.
         SELECT * FROM det_app
         WHERE (resp_internal AND proxied AND name IS NOT NULL)
            OR (NOT resp_internal AND coalesce(sensor, '') NOT IN (
              SELECT DISTINCT coalesce(sensor, '') FROM conn c WHERE ${w('c')}))) a
         -- Another sensor's copy of the same session (one capture hunted twice) is not this one's.
         LEFT JOIN conn c ON c.uid = a.uid AND c.sensor IS NOT DISTINCT FROM a.sensor
       WHERE (a.resp_internal AND a.proxied AND a.name IS NOT NULL) OR (NOT a.resp_internal AND c.uid IS NULL)`,
    params,
  );
  await s.run(`DROP TABLE det_app; DROP TABLE det_dnsmap; DROP TABLE det_dnsglobal`);
}
