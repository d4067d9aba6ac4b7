import { jsonRows } from '../../../store/analytics-session.js';
import type { DialectHooks } from '../../../store/sql/dialect-hooks.js';
import { countSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';
import { classifyDestinations, dropTables } from '../../shared/sql/duckdb-destinations-class.js';
import { hostName, isName, live, pick, routable } from '../../shared/sql/duckdb-destinations-sql.js';
import type { PayloadDeliverySql, PayloadDownload } from '../payload-delivery-query.js';

// The URI's extension, without query or fragment: what the server said the file was.
const extension = `lower(regexp_extract(split_part(split_part(coalesce(c.uri, ''), '?', 1), '#', 1), '\\.([A-Za-z0-9]{1,5})$', 1))`;
const proxyForm = `coalesce(c.uri ILIKE 'http://%', false) AND ${isName('c.host')}`;

/**
 * Payload downloads: successful HTTP responses whose first file is of a listed MIME type (the temp
 * table `dest_dl_mimes`), from an outside server or by name through an internal proxy; then one row
 * per host and server. The MIME filter is a hash semi-join on the first type, so the big http table
 * is read once and never joined row by row. `result` counts how many internal hosts reach each
 * server of a download (by address, or by name), filtered by `$maxHosts`.
 */
const downloadSql = (h: DialectHooks) => ({
  steps: [
    `CREATE OR REPLACE TEMP TABLE dest_dl AS
   SELECT c.orig_h AS host, CASE WHEN r.internal THEN NULL ELSE c.resp_h END AS ip, r.internal AS proxied,
          CASE WHEN ${isName('c.host')} THEN ${hostName('c.host')} END AS name, c.ts, c.uri, m.mime, m.kind,
          ${countSql('c.response_body_len')} AS bytes, c.resp_fuids[1] AS fuid, ${extension} AS ext
   FROM http c JOIN dest_dl_mimes m ON m.mime = lower(c.resp_mime_types[1])
     JOIN dest_class o ON o.ip = c.orig_h AND o.internal JOIN dest_class r ON r.ip = c.resp_h
   WHERE ${live(h, 'c')} AND coalesce(c.status_code, 200) BETWEEN 200 AND 299
     AND ${routable('c.resp_h')} AND (NOT r.internal OR (${proxyForm}))`,
    `CREATE OR REPLACE TEMP TABLE dest_dl_pairs AS
   SELECT host, coalesce(ip, name) AS ep, any_value(ip) AS ip, arg_min(name, (ts, fuid, uri)) AS name, bool_or(proxied) AS proxied,
          count(*) AS n, list_sort(list(DISTINCT kind)) AS kinds, arg_min(mime, (ts, fuid, uri)) AS mime, arg_min(uri, (ts, fuid, uri)) AS uri,
          coalesce(list_sort(list(DISTINCT ext) FILTER (WHERE kind = 'executable' AND ext <> '')), []) AS exe_exts,
          sum(bytes)::BIGINT AS bytes, arg_min(fuid, (ts, fuid, uri)) AS fuid, min(ts) AS f, max(ts) AS l
   FROM dest_dl WHERE coalesce(ip, name) IS NOT NULL GROUP BY host, coalesce(ip, name)`,
  ],
  result: `
  WITH eps AS (SELECT DISTINCT ep FROM dest_dl_pairs),
  -- Web servers are reached over HTTP and TLS, whose logs are smaller than conn.
  reach AS (
    SELECT c.orig_h AS h, c.resp_h AS ep FROM http c SEMI JOIN eps e ON e.ep = c.resp_h WHERE ${h.window('c.ts')}
    UNION ALL SELECT c.orig_h, c.resp_h FROM ssl c SEMI JOIN eps e ON e.ep = c.resp_h WHERE ${h.window('c.ts')}
    UNION ALL SELECT c.orig_h, ${hostName('c.host')} FROM http c
      WHERE ${hostName('c.host')} IN (SELECT ep FROM eps) AND ${h.window('c.ts')}
    -- SNI carries no port: lower() is enough, and the big ssl table is spared the name parsing.
    UNION ALL SELECT c.orig_h, lower(c.server_name) FROM ssl c
      WHERE lower(c.server_name) IN (SELECT ep FROM eps) AND ${h.window('c.ts')}),
  prevalence AS (
    SELECT x.ep, count(DISTINCT x.h) AS hosts FROM reach x JOIN dest_class o ON o.ip = x.h AND o.internal GROUP BY x.ep),
  hashes AS (
    SELECT fuid, any_value(sha256) AS sha256, any_value(md5) AS md5 FROM files
    WHERE fuid IN (SELECT fuid FROM dest_dl_pairs WHERE fuid IS NOT NULL) GROUP BY fuid)
  SELECT coalesce(to_json(list({host: p.host, ip: p.ip, name: p.name, proxied: p.proxied, n: p.n, kinds: p.kinds,
           mime: p.mime, uri: p.uri, exts: p.exe_exts, bytes: p.bytes, sha256: x.sha256, md5: x.md5,
           hosts: coalesce(v.hosts, 1), f: ${h.iso('p.f')}, l: ${h.iso('p.l')}} ORDER BY p.f, p.host, p.ep))::VARCHAR, '[]')
  FROM dest_dl_pairs p LEFT JOIN prevalence v ON v.ep = p.ep LEFT JOIN hashes x ON x.fuid = p.fuid
  WHERE coalesce(v.hosts, 1) <= $maxHosts`,
});

// Temp tables of the steps, dropped after each call so a failed run leaves nothing half-built behind.
const tables = ['dest_dl_mimes', 'dest_dl', 'dest_dl_pairs'];

/** The payload-delivery aggregate in DuckDB's SQL. */
export const duckdbPayloadDelivery: PayloadDeliverySql = {
  async payloadDownloads(s, opts) {
    await s.settle();
    const params = { ...s.hooks.windowParams(opts), maxHosts: opts.maxHosts };
    const sql = downloadSql(s.hooks);
    try {
      await classifyDestinations(s, opts.internal);
      await s.run(`CREATE OR REPLACE TEMP TABLE dest_dl_mimes (mime VARCHAR, kind VARCHAR)`);
      const mimes = new Map(opts.mimeTypes.map((m) => [m.mime.toLowerCase(), m.kind]));
      await s.append('dest_dl_mimes', ['varchar', 'varchar'], [...mimes]);
      for (const step of sql.steps) await s.run(step, pick(step, params));
      return (await jsonRows<DownloadJson>(s, sql.result, params)).map(toDownload);
    } finally {
      await dropTables(s, tables);
    }
  },
};

/** A download as the result query's JSON spells it. */
interface DownloadJson {
  host: string;
  ip: string | null;
  name: string | null;
  proxied: boolean;
  n: number;
  kinds: string[];
  mime: string;
  uri: string | null;
  exts: string[];
  bytes: number;
  sha256: string | null;
  md5: string | null;
  hosts: number;
  f: string;
  l: string;
}

function toDownload(x: DownloadJson): PayloadDownload {
  return {
    host: x.host,
    ip: x.ip,
    name: x.name,
    proxied: x.proxied,
    downloads: Number(x.n),
    kinds: x.kinds,
    mime: x.mime,
    uri: x.uri,
    executableExtensions: x.exts,
    bytes: Number(x.bytes),
    sha256: x.sha256,
    md5: x.md5,
    hosts: Number(x.hosts),
    first: x.f,
    last: x.l,
  };
}
