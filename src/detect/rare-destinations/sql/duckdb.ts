import { jsonRows } from '../../../store/analytics-session.js';
import { classifyDestinations, dropTables } from '../../shared/sql/duckdb-destinations-class.js';
import { firstValue, live, pick } from '../../shared/sql/duckdb-destinations-sql.js';
import type { RareDestinationsSql, RareEndpoint } from '../rare-destinations-query.js';
import { rareSql } from './duckdb-steps.js';

// Temp tables of the steps, dropped after each call so a failed run leaves nothing half-built behind.
const tables = [
  'dest_resolvers',
  'dest_suffixes',
  'dest_ip_cands',
  'dest_ip_pairs',
  'dest_hn',
  'dest_names',
  'dest_hd',
  'dest_doms',
  'dest_dom_cands',
  'dest_dom_pairs',
  'dest_answers',
];

/** The rare-destinations aggregate in DuckDB's SQL. */
export const duckdbRareDestinations: RareDestinationsSql = {
  async rareDestinations(s, opts) {
    await s.settle();
    const win = s.hooks.windowParams(opts);
    const limits = { ...win, maxHosts: opts.maxHosts, minHod: opts.minHoursOfDay, noConn: 0 };
    const sql = rareSql(s.hooks);
    try {
      await classifyDestinations(s, opts.internal);
      limits.noConn = Number(
        !(await firstValue(s, `SELECT EXISTS (SELECT 1 FROM conn c WHERE ${live(s.hooks, 'c')})`, win)),
      );
      await s.run(`CREATE OR REPLACE TEMP TABLE dest_suffixes (suffix VARCHAR)`);
      await s.append(
        'dest_suffixes',
        ['varchar'],
        [...new Set(opts.sharedSuffixes.map((x) => x.toLowerCase()))].map((x) => [x]),
      );
      for (const step of sql.steps) await s.run(step, pick(step, limits));
      const internalHosts = Number(await firstValue(s, sql.population, win));
      await s.seenHistory(opts.sensors);
      const historyStart = await firstValue(
        s,
        `SELECT ${s.hooks.iso('least((SELECT min(first_seen) FROM det_seen_ips), (SELECT min(first_seen) FROM det_seen_names))')}`,
      );
      const endpoints = (await jsonRows<RareJson>(s, sql.result, pick(sql.result, limits))).map(toRare);
      return {
        internalHosts,
        historyStart: historyStart === null ? null : String(historyStart),
        endpoints,
      };
    } finally {
      await dropTables(s, tables);
    }
  },
};

/** A candidate as the result query's JSON spells it. */
interface RareJson {
  kind: 'ip' | 'domain';
  host: string;
  key: string;
  names: string[];
  ips: (string | null)[];
  hosts: number;
  sessions: number;
  lookups: number;
  hod: number;
  days: number;
  f: string;
  l: string;
  seen: string;
  ports: (number | null)[];
  conn: boolean;
  ob: number | null;
  rb: number | null;
}

function toRare(x: RareJson): RareEndpoint {
  const ips = x.ips.filter((i): i is string => i !== null);
  return {
    host: x.host,
    kind: x.kind,
    ip: x.kind === 'ip' ? x.key : (ips[0] ?? null),
    domain: x.kind === 'domain' ? x.key : null,
    names: x.names.slice(0, 5),
    ips,
    hosts: Number(x.hosts),
    sessions: Number(x.sessions),
    lookups: Number(x.lookups),
    hoursOfDay: Number(x.hod),
    days: Number(x.days),
    first: x.f,
    last: x.l,
    firstSeen: x.seen,
    ports: x.ports.filter((p): p is number => p !== null).map(Number),
    bytesOut: x.conn ? Number(x.ob) : null,
    bytesIn: x.conn ? Number(x.rb) : null,
  };
}
