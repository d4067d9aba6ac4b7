import { jsonRows } from '../../store/analytics-session.js';
import type { DialectHooks } from '../../store/sql/dialect-hooks.js';
import { httpHostSql } from '../../store/sql/duckdb/duckdb-host-sql.js';
import { countSql } from '../../store/sql/duckdb/duckdb-safe-values.js';
import type {
  AddressFacts,
  AdminContact,
  IncidentFacts,
  IncidentFactsSql,
  NameFacts,
  PairTraffic,
  Resolution,
} from '../incident-facts-query.js';

const inside = `(SELECT ip FROM det_class WHERE internal)`;
const isIpSql = (col: string) => `(regexp_full_match(${col}, '[0-9.]+') OR ${col} LIKE '%:%')`;
// Zeek derives byte counts from sequence numbers; the IP-level count caps a gap or a wrap.
const capped = (b: string, ip: string) =>
  `CASE WHEN c.${ip} > 0 THEN least(${countSql(`c.${b}`)}, ${countSql(`c.${ip}`)}) ELSE ${countSql(`c.${b}`)} END`;
// Zeek's service may list several analysers ("ssl,http"); none means only the transport is known.
const protocolsSql = `CASE WHEN coalesce(c.service, '') IN ('', '-') THEN [lower(c.proto)]
  ELSE list_transform(string_split(lower(c.service), ','), s -> CASE WHEN s = 'ssl' THEN 'tls' ELSE s END) END`;

/** Every row naming a candidate address as responder: (orig_h, resp_h, resp_p, protos, out_b, in_b, ts, src). */
function touchingSql(h: DialectHooks, where: string): string {
  const w = h.window('c.ts');
  return `SELECT c.orig_h, c.resp_h, c.resp_p, ${protocolsSql} AS protos, ${capped('orig_bytes', 'orig_ip_bytes')} AS out_b,
            ${capped('resp_bytes', 'resp_ip_bytes')} AS in_b, c.ts, 'conn' AS src
          FROM conn c WHERE NOT coalesce(c.is_open, false) AND ${w} AND ${where}
          UNION ALL
          SELECT c.orig_h, c.resp_h, c.resp_p, ['tls'], 0, 0, c.ts, 'ssl' FROM ssl c WHERE ${w} AND ${where}
          UNION ALL
          SELECT c.orig_h, c.resp_h, c.resp_p, ['http'], ${countSql('c.request_body_len')}, ${countSql('c.response_body_len')},
            c.ts, 'http' FROM http c WHERE ${w} AND ${where}`;
}

const addressesSql = (
  h: DialectHooks,
) => `WITH t AS (${touchingSql(h, 'c.resp_h IN (SELECT ip FROM inc_ip)')}),
  talk AS (SELECT resp_h AS ip, count(DISTINCT orig_h) FILTER (WHERE orig_h IN ${inside}) AS hosts FROM t GROUP BY 1),
  protos AS (SELECT ip, list(DISTINCT p ORDER BY p) AS protocols FROM (
      SELECT resp_h AS ip, unnest(protos) AS p FROM t) WHERE p IS NOT NULL AND p <> '' GROUP BY 1),
  ports AS (SELECT ip, list(resp_p ORDER BY n DESC, resp_p)[1:10] AS ports FROM (
      SELECT resp_h AS ip, resp_p, count(*) AS n FROM t WHERE resp_p IS NOT NULL GROUP BY ALL) GROUP BY 1),
  tls AS (SELECT s.resp_h, coalesce(s.cert_chain_fps[1], x.fingerprint) AS fp, nullif(s.ja3s, '') AS ja3s
      FROM ssl s LEFT JOIN (SELECT DISTINCT fuid, fingerprint FROM x509) x ON x.fuid = s.cert_chain_fuids[1]
      WHERE ${h.window('s.ts')} AND s.resp_h NOT IN ${inside}),
  certs AS (SELECT DISTINCT resp_h AS ip, fp FROM tls WHERE resp_h IN (SELECT ip FROM inc_ip) AND fp IS NOT NULL),
  certn AS (SELECT fp, count(DISTINCT resp_h) AS n FROM tls WHERE fp IN (SELECT fp FROM certs) GROUP BY 1),
  ja AS (SELECT DISTINCT resp_h AS ip, ja3s FROM tls WHERE resp_h IN (SELECT ip FROM inc_ip) AND ja3s IS NOT NULL),
  jan AS (SELECT ja3s, count(DISTINCT resp_h) AS n FROM tls WHERE ja3s IN (SELECT ja3s FROM ja) GROUP BY 1),
  cl AS (SELECT ip, list({fingerprint: fp, servers: n} ORDER BY fp) AS l FROM certs JOIN certn USING (fp) GROUP BY 1),
  jl AS (SELECT ip, list({value: ja3s, servers: n} ORDER BY ja3s) AS l FROM ja JOIN jan USING (ja3s) GROUP BY 1),
  named AS (SELECT ip, count(DISTINCT name) AS n FROM inc_ans GROUP BY 1)
  SELECT coalesce(to_json(list({ip: i.ip, hosts: coalesce(talk.hosts, 0), names: coalesce(named.n, 0),
      protocols: coalesce(protos.protocols, []), ports: coalesce(ports.ports, []),
      certificates: coalesce(cl.l, []), ja3s: coalesce(jl.l, [])}))::VARCHAR, '[]')
  FROM inc_ip i LEFT JOIN talk USING (ip) LEFT JOIN named USING (ip) LEFT JOIN protos USING (ip)
    LEFT JOIN ports USING (ip) LEFT JOIN cl USING (ip) LEFT JOIN jl USING (ip)`;

const namesSql = (h: DialectHooks) => `WITH used AS (
    SELECT c.orig_h, lower(c.query) AS name FROM dns c WHERE ${h.window('c.ts')} AND lower(c.query) IN (SELECT name FROM inc_name)
    UNION ALL
    SELECT c.orig_h, lower(c.server_name) FROM ssl c WHERE ${h.window('c.ts')} AND lower(c.server_name) IN (SELECT name FROM inc_name)
    UNION ALL
    SELECT c.orig_h, ${httpHostSql('c')} FROM http c
    WHERE ${h.window('c.ts')} AND ${httpHostSql('c')} IN (SELECT name FROM inc_name)),
  hosts AS (SELECT name, count(DISTINCT orig_h) AS n FROM used WHERE orig_h IN ${inside} GROUP BY 1),
  addrs AS (SELECT name, count(DISTINCT ip) AS n FROM inc_ans GROUP BY 1)
  SELECT coalesce(to_json(list({name: i.name, hosts: coalesce(hosts.n, 0), addresses: coalesce(addrs.n, 0)}))::VARCHAR, '[]')
  FROM inc_name i LEFT JOIN hosts USING (name) LEFT JOIN addrs USING (name)`;

const pairsSql = (
  h: DialectHooks,
) => `WITH t AS (${touchingSql(h, 'c.resp_h IN (SELECT ip FROM inc_ip) AND c.orig_h IN (SELECT ip FROM inc_host)')})
  SELECT coalesce(to_json(list({host: orig_h, ip: resp_h,
      connections: CASE WHEN nc > 0 THEN nc ELSE n END, bytesOut: CASE WHEN nc > 0 THEN oc ELSE oh END,
      bytesIn: CASE WHEN nc > 0 THEN ic ELSE ih END, first: ${h.iso('f')}, last: ${h.iso('l')},
      ports: ports, protocols: protocols}))::VARCHAR, '[]')
  FROM (SELECT orig_h, resp_h, count(*) FILTER (WHERE src = 'conn') AS nc, count(*) AS n,
          sum(out_b) FILTER (WHERE src = 'conn') AS oc, sum(in_b) FILTER (WHERE src = 'conn') AS ic,
          coalesce(sum(out_b) FILTER (WHERE src = 'http'), 0) AS oh, coalesce(sum(in_b) FILTER (WHERE src = 'http'), 0) AS ih,
          min(ts) AS f, max(ts) AS l, list(DISTINCT resp_p ORDER BY resp_p) FILTER (WHERE resp_p IS NOT NULL) AS ports,
          list_sort(list_distinct(flatten(list(protos)))) AS protocols
        FROM t GROUP BY ALL)`;

const adminSql = (
  h: DialectHooks,
) => `WITH tg AS (SELECT unnest($targets) AS ip, unnest($befores)::TIMESTAMP AS before),
  c AS (SELECT c.orig_h, c.resp_h, c.resp_p, c.ts, ${countSql('c.orig_bytes')} AS up FROM conn c
        WHERE ${h.window('c.ts')} AND c.resp_h IN (SELECT ip FROM tg) AND list_contains($ports, c.resp_p)),
  src AS (SELECT resp_h, count(DISTINCT orig_h) AS n FROM c WHERE orig_h IN ${inside} GROUP BY 1)
  SELECT coalesce(to_json(list({"from": orig_h, "to": resp_h, ports: ports, ts: ${h.iso('ts')}, connections: n,
      bytesOut: up, sources: sources}))::VARCHAR, '[]')
  FROM (SELECT c.orig_h, c.resp_h, list(DISTINCT c.resp_p ORDER BY c.resp_p) AS ports, max(c.ts) AS ts, count(*) AS n,
          sum(c.up) AS up, any_value(src.n) AS sources
        FROM c JOIN tg ON tg.ip = c.resp_h JOIN src ON src.resp_h = c.resp_h
        WHERE c.orig_h IN (SELECT ip FROM inc_host) AND c.orig_h <> c.resp_h AND c.up >= $minBytes
          AND c.ts <= tg.before AND c.ts >= tg.before - to_seconds($lookback)
        GROUP BY c.orig_h, c.resp_h)`;

const internalHostsSql = (h: DialectHooks) => `SELECT count(DISTINCT orig_h)::BIGINT AS n FROM (
    SELECT orig_h, resp_h FROM conn c WHERE ${h.window('c.ts')}
    UNION ALL SELECT orig_h, resp_h FROM ssl c WHERE ${h.window('c.ts')}
    UNION ALL SELECT orig_h, resp_h FROM http c WHERE ${h.window('c.ts')})
  WHERE orig_h IN ${inside} AND resp_h NOT IN ${inside}`;

const temps = ['inc_ip', 'inc_name', 'inc_host', 'inc_ans'];

const list = (values: readonly string[]) => [...new Set(values)];

/** The incident-correlation facts in DuckDB's SQL, bounded by the candidates asked about. */
export const duckdbIncidentFacts: IncidentFactsSql = {
  async incidentFacts(s, opts): Promise<IncidentFacts> {
    await s.settle();
    await s.classify(opts.internal);
    const h = s.hooks;
    const win = h.windowParams(opts);
    try {
      const candidates = [
        ['inc_ip', 'ip', opts.ips],
        ['inc_name', 'name', opts.domains.map((d) => d.toLowerCase())],
        ['inc_host', 'ip', opts.hosts],
      ] as const;
      for (const [t, col, values] of candidates)
        await s.run(
          `CREATE OR REPLACE TEMP TABLE ${t} AS SELECT DISTINCT unnest($v) AS ${col}`,
          { v: list(values) },
          { v: 'varchar[]' },
        );
      // DNS answers are unnested once: those naming a candidate address or answering a candidate name.
      await s.run(
        `CREATE OR REPLACE TEMP TABLE inc_ans AS SELECT DISTINCT name, ip FROM (
             SELECT lower(c.query) AS name, unnest(c.answers) AS ip FROM dns c
             WHERE c.answers IS NOT NULL AND c.query IS NOT NULL AND c.query <> '' AND ${h.window('c.ts')})
           WHERE ${isIpSql('ip')} AND (ip IN (SELECT ip FROM inc_ip) OR name IN (SELECT name FROM inc_name))`,
        win,
      );
      const addresses = await jsonRows<AddressFacts>(s, addressesSql(h), win);
      const names = await jsonRows<NameFacts>(s, namesSql(h), win);
      const resolutions = (await s.objects(
        `SELECT name, ip FROM inc_ans ORDER BY name, ip`,
      )) as unknown as Resolution[];
      const pairs = await jsonRows<PairTraffic>(s, pairsSql(h), win);
      const admin = opts.admin;
      const adminContacts =
        admin && admin.targets.length > 0
          ? await jsonRows<AdminContact>(
              s,
              adminSql(h),
              {
                ...win,
                targets: admin.targets.map((t) => t.ip),
                befores: admin.targets.map((t) => t.before),
                ports: [...admin.ports],
                lookback: admin.lookbackSeconds,
                minBytes: admin.minBytes,
              },
              { targets: 'varchar[]', befores: 'varchar[]', ports: 'integer[]' },
            )
          : [];
      const hostsRow = await s.objects(internalHostsSql(h), win);
      return {
        internalHosts: Number(hostsRow[0]?.['n'] ?? 0),
        addresses: addresses.map(toAddress),
        names: names.map((n) => ({ name: n.name, hosts: Number(n.hosts), addresses: Number(n.addresses) })),
        resolutions: resolutions.map((r) => ({ name: String(r.name), ip: String(r.ip) })),
        pairs: pairs.map(toPair),
        adminContacts: adminContacts.map((a) => ({
          ...a,
          ports: a.ports.map(Number),
          connections: Number(a.connections),
          bytesOut: Number(a.bytesOut),
          sources: Number(a.sources),
        })),
      };
    } finally {
      for (const t of temps) await s.run(`DROP TABLE IF EXISTS ${t}`);
    }
  },
};

function toAddress(a: AddressFacts): AddressFacts {
  return {
    ip: a.ip,
    hosts: Number(a.hosts),
    names: Number(a.names),
    protocols: a.protocols.map(String),
    ports: a.ports.map(Number),
    certificates: a.certificates.map((c) => ({ fingerprint: c.fingerprint, servers: Number(c.servers) })),
    ja3s: a.ja3s.map((j) => ({ value: j.value, servers: Number(j.servers) })),
  };
}

function toPair(p: PairTraffic): PairTraffic {
  return {
    ...p,
    connections: Number(p.connections),
    bytesOut: Number(p.bytesOut ?? 0),
    bytesIn: Number(p.bytesIn ?? 0),
    ports: (p.ports ?? []).map(Number),
    protocols: (p.protocols ?? []).map(String),
  };
}
