import type { SqlParams } from '../../analytics-session.js';
import { hostSql } from '../../sql/duckdb/duckdb-host-sql.js';
import type { RawRowsSql, RowTable } from '../raw-rows-query.js';
import { usedParams } from './duckdb-params.js';

type Side = 'originator' | 'either' | 'files';

// Which side of a row is "the host": the originator of protocol logs, either end of the others.
const hostSide: Record<RowTable, Side> = {
  conn: 'originator',
  dns: 'originator',
  http: 'originator',
  ssl: 'originator',
  files: 'files',
  alerts: 'either',
  events: 'either',
};

// The name column a table names its server by, as hostSql normalises it.
const nameColumn: Partial<Record<RowTable, string>> = {
  dns: 'query',
  http: 'host',
  ssl: 'server_name',
};

// A name is the value itself or a name under it.
const nameIn = (expr: string, list: string) =>
  `(list_contains(${list}, ${expr}) OR len(list_filter(${list}, x -> ends_with(${expr}, '.' || x))) > 0)`;

function hostCondition(table: RowTable): string {
  switch (hostSide[table]) {
    case 'originator':
      return `orig_h = $host`;
    case 'either':
      return `(orig_h = $host OR resp_h = $host)`;
    case 'files':
      return `(orig_h = $host OR resp_h = $host OR list_contains(tx_hosts, $host) OR list_contains(rx_hosts, $host))`;
  }
}

function serverCondition(table: RowTable): string {
  const parts = [`list_contains($ips, resp_h)`];
  if (hostSide[table] !== 'originator') parts.push(`list_contains($ips, orig_h)`);
  if (table === 'files') parts.push(`list_has_any(tx_hosts, $ips)`);
  const name = nameColumn[table];
  if (name) parts.push(nameIn(hostSql(name), '$names'));
  if (table === 'dns') parts.push(`list_has_any(answers, $ips)`);
  return `(${parts.join(' OR ')})`;
}

function indicatorCondition(table: RowTable): string {
  const parts = [`orig_h = $ind`, `resp_h = $ind`, `uid = $ind`];
  const name = nameColumn[table];
  if (name) parts.push(nameIn(hostSql(name), '[$indName]'));
  if (table === 'conn' || table === 'alerts') parts.push(`community_id = $ind`);
  if (table === 'dns') parts.push(`list_contains(answers, $ind)`);
  if (table === 'ssl')
    parts.push(
      `lower(ja3) = $indName`,
      `lower(ja3s) = $indName`,
      `lower(ja4) = $indName`,
      `list_contains(cert_chain_fps, $indName)`,
    );
  if (table === 'files')
    parts.push(
      `fuid = $ind`,
      `lower(md5) = $indName`,
      `lower(sha1) = $indName`,
      `lower(sha256) = $indName`,
      `list_contains(conn_uids, $ind)`,
      `list_contains(tx_hosts, $ind)`,
      `list_contains(rx_hosts, $ind)`,
    );
  return `(${parts.join(' OR ')})`;
}

/** The raw-rows pivot in DuckDB's SQL: one table's matching rows, oldest first, after a cursor. */
export const duckdbRawRows: RawRowsSql = {
  async tableRows(s, table, opts) {
    await s.settle();
    const where = [s.hooks.window('ts')];
    const params: Record<string, SqlParams[string]> = { ...s.hooks.windowParams(opts), limit: opts.limit };
    const { host, servers, indicator } = opts.pivot;
    if (host !== undefined) {
      where.push(hostCondition(table));
      params['host'] = host;
    }
    if (servers) {
      where.push(serverCondition(table));
      params['ips'] = [...servers.ips];
      if (nameColumn[table]) params['names'] = servers.names.map((n) => n.toLowerCase());
    }
    if (indicator !== undefined) {
      where.push(indicatorCondition(table));
      params['ind'] = indicator;
      params['indName'] = indicator.toLowerCase().replace(/\.$/, '');
    }
    if (opts.after) {
      where.push(`(epoch_us(ts) > $afterTs OR (epoch_us(ts) = $afterTs AND rowid > $afterRid))`);
      params['afterTs'] = BigInt(opts.after.ts);
      params['afterRid'] = BigInt(opts.after.rid);
    }
    const sql = `SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S.%fZ') AS ts, * EXCLUDE (ts, batch_id),
              epoch_us(ts)::VARCHAR AS "$ts", rowid::VARCHAR AS "$rid"
       FROM "${table}" WHERE ${where.join(' AND ')}
       ORDER BY epoch_us(ts), rowid LIMIT $limit`;
    // Each table reads a different subset of the pivot's values; DuckDB refuses unused parameters.
    const rows = await s.objects(
      sql,
      usedParams(sql, params),
      servers ? { ips: 'varchar[]', ...(nameColumn[table] ? { names: 'varchar[]' } : {}) } : undefined,
    );
    return rows.map(({ $ts, $rid, ...values }) => ({ values, ts: String($ts), rid: String($rid) }));
  },

  async addressesOf(s, names, opts) {
    await s.settle();
    const rows = await s.rows(
      `WITH n AS (SELECT DISTINCT lower(unnest($names::VARCHAR[])) AS name)
       SELECT DISTINCT a FROM (
         SELECT unnest(answers) AS a, ${hostSql('query')} AS name FROM dns
         WHERE answers IS NOT NULL AND ${s.hooks.scope()}
         UNION ALL SELECT resp_h, ${hostSql('server_name')} FROM ssl WHERE ${s.hooks.scope()}
         UNION ALL SELECT resp_h, ${hostSql('host')} FROM http WHERE ${s.hooks.scope()})
       WHERE name IN (SELECT name FROM n) AND regexp_full_match(a, '[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*')
       ORDER BY a`,
      { names: [...names], sensors: s.hooks.windowParams(opts).sensors },
    );
    return rows.map((r) => String(r[0]));
  },
};
