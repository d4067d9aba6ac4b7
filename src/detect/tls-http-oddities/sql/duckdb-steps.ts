import type { DialectHooks } from '../../../store/sql/dialect-hooks.js';
import { hostSql } from '../../../store/sql/duckdb/duckdb-host-sql.js';
import { countSql } from '../../../store/sql/duckdb/duckdb-safe-values.js';
import { hostName, isName, live, routable } from '../../shared/sql/duckdb-destinations-sql.js';
import { type OddityName, oddityNames } from '../oddity-names.js';

const fingerprint = `coalesce(nullif(c.ja4, ''), nullif(c.ja3, ''))`;
// The details of one odd row per protocol, as a struct (every aggregate costs about as much as the
// grouping itself): the row whose oddities rank highest, bit by bit; rows with none are skipped.
const example = (col: string, ranked: readonly string[]) =>
  `arg_max(${col}, nullif(${ranked.map((f, i) => `coalesce((${f})::INT, 0) * ${2 ** (ranked.length - 1 - i)}`).join(' + ')}, 0))`;

/** The flag column behind each oddity count. */
const flagOf: Record<OddityName, string> = {
  selfSigned: 'self_signed',
  placeholderCert: 'placeholder',
  expiredCert: 'expired',
  invalidCert: 'invalid',
  noSni: 'no_sni',
  rareFingerprint: 'rare_fp',
  missingHost: 'missing_host',
  postToRawIp: 'post_raw',
  rareUserAgent: 'rare_ua',
  mimicUserAgent: 'mimic_ua',
  noUserAgent: 'no_ua',
  gatePost: 'gate_post',
};

// Where a session goes: the server's address, or (through an internal proxy) the name it asks for.
// The same expressions serve the count of every pair and the flags of the odd ones.
const viaConnect = (h: DialectHooks) =>
  `c.uid IN (SELECT uid FROM http WHERE method = 'CONNECT' AND ${h.window()}) AS via_connect`;
const tlsEndpoint = `CASE WHEN r.internal THEN NULL ELSE c.resp_h END AS ip, r.internal AS proxied,
  CASE WHEN ${isName('c.server_name')} THEN ${hostName('c.server_name')} END AS name`;
const tlsOutbound = `${routable('c.resp_h')} AND (NOT r.internal OR (c.via_connect AND ${isName('c.server_name')}))`;
const proxyForm = `c.method = 'CONNECT' OR coalesce(c.uri ILIKE 'http://%', false) AS proxy_form`;
const webEndpoint = `CASE WHEN NOT r.internal THEN c.resp_h WHEN NOT ${isName('c.host')} THEN ${hostSql('c.host')} END AS ip,
  r.internal AS proxied, CASE WHEN ${isName('c.host')} THEN ${hostName('c.host')} END AS name`;
const webOutbound = `${routable('c.resp_h')} AND (NOT r.internal OR (c.proxy_form AND coalesce(trim(c.host), '') NOT IN ('', '-')))`;
// A bot's check-in to a PHP gate (Zeus's gate.php): a POST with a body libmagic cannot name (an
// encrypted blob) or none sniffed, to a .php path, with no Referer: a browser's form post has a
// Referer and a text body.
const gatePost = `c.method = 'POST' AND ${countSql('c.request_body_len')} > 0
  AND coalesce(regexp_matches(split_part(c.uri, '?', 1), '\\.php$', 'i'), false)
  AND coalesce(nullif(c.referrer, '-'), '') = ''
  AND (coalesce(len(c.orig_mime_types), 0) = 0 OR list_contains(c.orig_mime_types, 'application/octet-stream'))`;
const classes = `JOIN dest_class o ON o.ip = c.orig_h AND o.internal JOIN dest_class r ON r.ip = c.resp_h`;
const counted = `count(*) AS n, min(c.ts) AS f, max(c.ts) AS l, min(c.resp_p) AS p1, max(c.resp_p) AS p2`;

// Weak oddities alone (a raw-IP TLS session, an unvalidated chain, no user agent) are left in SQL unless two come together.
const strongOdd = `selfSigned + placeholderCert + expiredCert + rareFingerprint + missingHost + postToRawIp + rareUserAgent + mimicUserAgent + gatePost > 0`;
const weakKinds = `(invalidCert > 0)::INT + (noSni > 0)::INT + (noUserAgent > 0)::INT >= 2`;

/**
 * TLS and HTTP oddities: the few user agents, client fingerprints and certificates that can be odd;
 * every outbound (or proxied) host ↔ endpoint pair counted; then the flags of the sessions that can
 * carry one. Sessions are grouped on their raw columns before any join or regular expression (most
 * repeat), with `n` carrying the count. `steps` build the temp tables and `result` is the odd pairs
 * as JSON.
 */
export const odditySql = (h: DialectHooks) => ({
  steps: [
    `CREATE OR REPLACE TEMP TABLE dest_ua AS
   SELECT ua, hosts, hosts <= $rareMax AS rare,
          NOT starts_with(ua, 'Mozilla/') AND levenshtein(lower(split_part(ua, '/', 1)), 'mozilla') BETWEEN 1 AND 2 AS mimic
   FROM (SELECT c.user_agent AS ua, count(DISTINCT c.orig_h) AS hosts
         FROM http c JOIN dest_class o ON o.ip = c.orig_h AND o.internal
         WHERE ${live(h, 'c')} AND c.user_agent NOT IN ('', '-') GROUP BY ALL)
   WHERE hosts <= $rareMax
      OR (NOT starts_with(ua, 'Mozilla/') AND levenshtein(lower(split_part(ua, '/', 1)), 'mozilla') BETWEEN 1 AND 2)`,
    `CREATE OR REPLACE TEMP TABLE dest_fp AS
   SELECT ${fingerprint} AS fp, count(DISTINCT c.orig_h) AS hosts
   FROM ssl c JOIN dest_class o ON o.ip = c.orig_h AND o.internal
   WHERE ${live(h, 'c')} AND ${fingerprint} IS NOT NULL GROUP BY ALL
   HAVING count(DISTINCT c.orig_h) <= $rareMax AND count(*) >= $minUses`,
    // Leaf certificates that are self-signed, look like a tool's default or expired before the data ends.
    `CREATE OR REPLACE TEMP TABLE dest_certs AS
   SELECT key, any_value(subject) AS subject, any_value(issuer) AS issuer, max(not_valid_after) AS nva FROM (
     SELECT fingerprint AS key, subject, issuer, not_valid_after FROM x509 WHERE fingerprint IS NOT NULL
     UNION ALL SELECT fuid, subject, issuer, not_valid_after FROM x509 WHERE fuid IS NOT NULL)
   GROUP BY key
   HAVING any_value(subject) = any_value(issuer) OR coalesce(regexp_matches(any_value(subject), $placeholder), false)
       OR max(not_valid_after) < (SELECT max(ts) FROM ssl WHERE ${h.scope()})`,
    `CREATE OR REPLACE TEMP TABLE dest_odd_pairs AS
   WITH t AS (SELECT c.orig_h, c.resp_h, c.server_name, ${viaConnect(h)}, ${counted} FROM ssl c WHERE ${live(h, 'c')} GROUP BY ALL),
   w AS (
     SELECT c.orig_h, c.resp_h, c.host, ${proxyForm}, ${counted} FROM http c
     WHERE ${live(h, 'c')} AND c.method IS NOT NULL GROUP BY ALL),
   e AS (
     SELECT c.orig_h AS host, ${tlsEndpoint}, true AS tls, c.n, c.f, c.l, c.p1, c.p2 FROM t c ${classes} WHERE ${tlsOutbound}
     UNION ALL
     SELECT c.orig_h, ${webEndpoint}, false, c.n, c.f, c.l, c.p1, c.p2 FROM w c ${classes} WHERE ${webOutbound})
   SELECT host, coalesce(ip, name) AS ep, any_value(ip) AS ip, bool_or(proxied) AS proxied,
          sum(CASE WHEN tls THEN n ELSE 0 END) AS tls_n, sum(CASE WHEN tls THEN 0 ELSE n END) AS http_n,
          min(f) AS first, max(l) AS last, min(p1) AS p1, max(p2) AS p2, any_value(name) AS name
   FROM e WHERE coalesce(ip, name) IS NOT NULL GROUP BY host, coalesce(ip, name)`,
    // Only sessions that can carry an oddity go on: a usual browser session has none of these traits.
    `CREATE OR REPLACE TEMP TABLE dest_odd_flags AS
   WITH tls_raw AS (
     SELECT c.orig_h, c.resp_h, c.server_name, coalesce(c.validation_status, '') AS vs, c.cert_chain_fps[1] AS fp1,
            c.cert_chain_fuids[1] AS fu1, c.subject, c.issuer, fp.fp, fp.hosts AS fp_hosts, ${viaConnect(h)}, ${counted}
     FROM ssl c LEFT JOIN dest_fp fp ON fp.fp = ${fingerprint}
     WHERE ${live(h, 'c')}
       AND (coalesce(c.validation_status, '') NOT IN ('', 'ok') OR fp.fp IS NOT NULL
            OR c.subject = c.issuer OR coalesce(regexp_matches(c.subject, $placeholder), false)
            OR NOT coalesce(${isName('c.server_name')}, false)
            OR c.cert_chain_fps[1] IN (SELECT key FROM dest_certs) OR c.cert_chain_fuids[1] IN (SELECT key FROM dest_certs))
     GROUP BY ALL),
   tls AS (
     SELECT c.orig_h AS host, ${tlsEndpoint}, c.n, c.l, c.vs, coalesce(c.subject, xf.subject, xu.subject) AS subj,
            coalesce(c.issuer, xf.issuer, xu.issuer) AS iss, coalesce(xf.nva, xu.nva) AS nva, c.fp, c.fp_hosts
     FROM tls_raw c ${classes}
       LEFT JOIN dest_certs xf ON xf.key = c.fp1 LEFT JOIN dest_certs xu ON xu.key = c.fu1
     WHERE ${tlsOutbound}),
   web_raw AS (
     SELECT c.orig_h, c.resp_h, c.host, c.method, c.user_agent, ${proxyForm},
            coalesce(list_contains(c.orig_mime_types, 'application/ocsp-request'), false)
              OR coalesce(c.uri ILIKE '%ocsp%', false) AS ocsp, ${gatePost} AS gate, any_value(c.uri) AS uri, ${counted}
     FROM http c
     WHERE ${live(h, 'c')} AND c.method IS NOT NULL
       AND (coalesce(trim(c.host), '') IN ('', '-') OR coalesce(c.user_agent, '') IN ('', '-')
            OR (c.method = 'POST' AND NOT ${isName('c.host')}) OR c.user_agent IN (SELECT ua FROM dest_ua)
            OR (${gatePost}))
     GROUP BY ALL),
   web AS (
     SELECT c.orig_h AS host, ${webEndpoint}, c.n, c.method, c.uri, c.ocsp, c.gate, nullif(nullif(c.user_agent, ''), '-') AS ua,
            coalesce(trim(c.host), '') IN ('', '-') AS no_host, u.hosts AS ua_hosts,
            coalesce(u.rare, false) AS rare_ua, coalesce(u.mimic, false) AS mimic_ua
     FROM web_raw c ${classes} LEFT JOIN dest_ua u ON u.ua = c.user_agent
     WHERE ${webOutbound}),
   flagged AS (
     SELECT host, ip, name, n, vs, subj, fp, fp_hosts, NULL AS uri, NULL AS ua, NULL AS ua_hosts,
            vs = 'self signed certificate' OR (subj IS NOT NULL AND subj = iss) AS self_signed,
            coalesce(regexp_matches(subj, $placeholder), false) AS placeholder,
            vs = 'certificate has expired' OR coalesce(nva < l, false) AS expired,
            vs NOT IN ('', 'ok', 'self signed certificate', 'certificate has expired') AS invalid,
            name IS NULL AND NOT proxied AS no_sni, fp IS NOT NULL AS rare_fp,
            false AS missing_host, false AS post_raw, false AS rare_ua, false AS mimic_ua, false AS no_ua,
            false AS gate_post
     FROM tls
     UNION ALL
     SELECT host, ip, name, n, NULL, NULL, NULL, NULL, uri, ua, ua_hosts,
            false, false, false, false, false, false,
            no_host AND method <> 'CONNECT' AND NOT ocsp, method = 'POST' AND NOT no_host AND name IS NULL AND NOT ocsp,
            rare_ua, mimic_ua, ua IS NULL AND method <> 'CONNECT', gate
     FROM web)
   SELECT host, coalesce(ip, name) AS ep,
          ${oddityNames.map((k) => `sum(CASE WHEN ${flagOf[k]} THEN n ELSE 0 END) AS ${k}`).join(', ')},
          ${example('{ua: ua, hosts: ua_hosts, uri: CASE WHEN post_raw OR missing_host OR gate_post THEN uri END}', ['rare_ua', 'mimic_ua', 'gate_post', 'post_raw', 'missing_host'])} AS web_ex,
          ${example('{subj: CASE WHEN self_signed OR placeholder OR expired OR invalid THEN subj END, vs: CASE WHEN invalid THEN vs END, fp: fp, hosts: fp_hosts}', ['self_signed OR placeholder OR expired OR invalid', 'rare_fp'])} AS tls_ex
   FROM flagged WHERE coalesce(ip, name) IS NOT NULL
   GROUP BY host, coalesce(ip, name)`,
  ],
  result: `
  WITH odd AS (
    SELECT a.*, v.hosts, f.* EXCLUDE (host, ep) FROM dest_odd_flags f JOIN dest_odd_pairs a USING (host, ep)
      JOIN (SELECT ep, count(*) AS hosts FROM dest_odd_pairs GROUP BY ep) v USING (ep)
    WHERE ${strongOdd} OR ${weakKinds}),
  direct AS (SELECT DISTINCT host AS orig_h, ip AS resp_h FROM odd WHERE ip IS NOT NULL AND NOT proxied),
  bytes AS (
    SELECT c.orig_h, c.resp_h, sum(${countSql('c.orig_bytes')}) AS ob, sum(${countSql('c.resp_bytes')}) AS rb
    FROM conn c SEMI JOIN direct k ON k.orig_h = c.orig_h AND k.resp_h = c.resp_h
    WHERE ${h.window('c.ts')} GROUP BY ALL),
  -- The name most used for the server, SNI or Host, for the few pairs reported.
  names AS (
    SELECT orig_h, resp_h, arg_max(name, (n, name)) AS name FROM (
      SELECT orig_h, resp_h, name, count(*) AS n FROM (
        SELECT c.orig_h, c.resp_h, ${hostName('c.server_name')} AS name FROM ssl c
        SEMI JOIN direct k ON k.orig_h = c.orig_h AND k.resp_h = c.resp_h
        WHERE ${isName('c.server_name')} AND ${h.window('c.ts')}
        UNION ALL
        SELECT c.orig_h, c.resp_h, ${hostName('c.host')} FROM http c
        SEMI JOIN direct k ON k.orig_h = c.orig_h AND k.resp_h = c.resp_h
        WHERE ${isName('c.host')} AND ${h.window('c.ts')})
      GROUP BY ALL)
    GROUP BY ALL)
  SELECT coalesce(to_json(list({host: o.host, ip: o.ip, domain: coalesce(nm.name, o.name), proxied: o.proxied,
           tls: o.tls_n, http: o.http_n, hosts: o.hosts, f: ${h.iso('o.first')}, l: ${h.iso('o.last')},
           ports: list_distinct([o.p1, o.p2]), ob: b.ob, rb: b.rb,
           counts: {selfSigned: o.selfSigned, placeholderCert: o.placeholderCert, expiredCert: o.expiredCert,
                    invalidCert: o.invalidCert, noSni: o.noSni, rareFingerprint: o.rareFingerprint,
                    missingHost: o.missingHost, postToRawIp: o.postToRawIp, rareUserAgent: o.rareUserAgent,
                    mimicUserAgent: o.mimicUserAgent, noUserAgent: o.noUserAgent, gatePost: o.gatePost},
           ua: o.web_ex.ua, uaHosts: o.web_ex.hosts, uri: o.web_ex.uri, fp: o.tls_ex.fp, fpHosts: o.tls_ex.hosts,
           subj: o.tls_ex.subj, vs: o.tls_ex.vs}))::VARCHAR, '[]')
  FROM odd o LEFT JOIN bytes b ON b.orig_h = o.host AND b.resp_h = o.ip
    LEFT JOIN names nm ON nm.orig_h = o.host AND nm.resp_h = o.ip AND NOT o.proxied`,
});
