import { httpHostSql } from '../../../store/sql/duckdb/duckdb-host-sql.js';

/** The indicator is valid at the row's time. */
const valid = (t: string) =>
  `(l.valid_from IS NULL OR ${t}.ts >= l.valid_from) AND (l.valid_until IS NULL OR ${t}.ts <= l.valid_until)`;

/** One telemetry field indicators are matched in, and the indicator types that can hit it. */
export interface MatchField {
  readonly types: readonly string[];
  /** Rows of (key, field, observed, orig_h, resp_h, ts, uid). */
  readonly sql: string;
}

const ipTypes = ['ipv4', 'ipv6', 'cidr'];
const hostTypes = ['domain'];

/**
 * Every place an indicator can show up. `m_ip_hits` and `m_name_hits` hold the addresses and names
 * seen in the telemetry that hit a live indicator (exact, CIDR, or parent domain), with its port and
 * validity; `m_live` the live indicators. `window(t)` limits rows to the requested time range.
 */
export function matchFields(window: (t: string) => string): MatchField[] {
  const fingerprint = (f: string) => ({
    types: [f],
    sql: `SELECT l.key, 'ssl.${f}', l.value, t.orig_h, t.resp_h, t.ts, t.uid
      FROM ssl t JOIN m_live l ON l.value = lower(t.${f}) AND l.type = '${f}'
      WHERE ${valid('t')} AND ${window('t')}`,
  });
  const fileHash = (f: string) => ({
    types: [f],
    sql: `SELECT l.key, 'files.${f}', l.value, coalesce(t.orig_h, t.rx_hosts[1]), coalesce(t.resp_h, t.tx_hosts[1]), t.ts, t.fuid
      FROM files t JOIN m_live l ON l.value = lower(t.${f}) AND l.type = '${f}'
      WHERE ${valid('t')} AND ${window('t')}`,
  });
  return [
    {
      types: ipTypes,
      sql: `SELECT l.key, 'conn.resp_h' AS field, t.resp_h AS observed, t.orig_h, t.resp_h, t.ts, t.uid
      FROM conn t JOIN m_ip_hits l ON l.ip = t.resp_h
      WHERE ${valid('t')} AND (l.port IS NULL OR l.port = t.resp_p) AND ${window('t')}`,
    },
    {
      types: ipTypes,
      sql: `SELECT l.key, 'conn.orig_h', t.orig_h, t.orig_h, t.resp_h, t.ts, t.uid
      FROM conn t JOIN m_ip_hits l ON l.ip = t.orig_h
      WHERE l.port IS NULL AND ${valid('t')} AND ${window('t')}`,
    },
    {
      types: hostTypes,
      sql: `SELECT l.key, 'dns.query', lower(t.query), t.orig_h, t.resp_h, t.ts, t.uid
      FROM dns t JOIN m_name_hits l ON l.name = lower(t.query)
      WHERE ${valid('t')} AND ${window('t')}`,
    },
    {
      types: [...ipTypes, ...hostTypes],
      sql: `SELECT l.key, 'dns.answers', a.answer, a.orig_h, a.resp_h, a.ts, a.uid
      FROM (SELECT orig_h, resp_h, ts, uid, lower(unnest(answers)) AS answer FROM dns t WHERE ${window('t')}) a
      JOIN (SELECT * FROM m_ip_hits UNION ALL SELECT * FROM m_name_hits) l ON l.ip = a.answer
      WHERE ${valid('a')}`,
    },
    {
      types: hostTypes,
      sql: `SELECT l.key, 'ssl.server_name', lower(t.server_name), t.orig_h, t.resp_h, t.ts, t.uid
      FROM ssl t JOIN m_name_hits l ON l.name = lower(t.server_name)
      WHERE ${valid('t')} AND ${window('t')}`,
    },
    fingerprint('ja3'),
    fingerprint('ja3s'),
    fingerprint('ja4'),
    {
      types: ['x509'],
      sql: `SELECT l.key, 'ssl.cert_chain_fps', f.fp, f.orig_h, f.resp_h, f.ts, f.uid
      FROM (SELECT orig_h, resp_h, ts, uid, lower(unnest(cert_chain_fps)) AS fp FROM ssl t WHERE ${window('t')}) f
      JOIN m_live l ON l.type = 'x509' AND l.value = f.fp WHERE ${valid('f')}`,
    },
    {
      types: ['x509'],
      sql: `SELECT l.key, 'x509.fingerprint', lower(t.fingerprint), NULL, NULL, t.ts, t.fuid
      FROM x509 t JOIN m_live l ON l.type = 'x509' AND l.value = lower(t.fingerprint)
      WHERE ${valid('t')} AND ${window('t')}`,
    },
    {
      types: hostTypes,
      sql: `SELECT l.key, 'http.host', ${httpHostSql('t')}, t.orig_h, t.resp_h, t.ts, t.uid
      FROM http t JOIN m_name_hits l ON l.name = ${httpHostSql('t')}
      WHERE ${valid('t')} AND ${window('t')}`,
    },
    {
      types: ['url'],
      sql: `SELECT l.key, 'http.url', l.value, t.orig_h, t.resp_h, t.ts, t.uid
      FROM http t JOIN m_live l ON l.type = 'url' AND l.value = 'http://' || lower(t.host) || t.uri
      WHERE ${valid('t')} AND ${window('t')}`,
    },
    fileHash('md5'),
    fileHash('sha1'),
    fileHash('sha256'),
  ];
}
