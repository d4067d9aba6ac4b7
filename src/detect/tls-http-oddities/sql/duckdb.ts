import { jsonRows } from '../../../store/analytics-session.js';
import { classifyDestinations, dropTables } from '../../shared/sql/duckdb-destinations-class.js';
import { firstValue, pick } from '../../shared/sql/duckdb-destinations-sql.js';
import type { OddityName } from '../oddity-names.js';
import type { OddEndpoint, TlsHttpOdditiesSql } from '../tls-http-oddities-query.js';
import { odditySql } from './duckdb-steps.js';

// Temp tables of the steps, dropped after each call so a failed run leaves nothing half-built behind.
const tables = ['dest_ua', 'dest_fp', 'dest_certs', 'dest_odd_pairs', 'dest_odd_flags'];

/** The tls-http-oddities aggregate in DuckDB's SQL. */
export const duckdbTlsHttpOddities: TlsHttpOdditiesSql = {
  async tlsHttpOddities(s, opts) {
    await s.settle();
    const params = {
      ...s.hooks.windowParams(opts),
      rareMax: opts.rareMaxHosts,
      minUses: opts.minFingerprintUses,
      placeholder: opts.placeholderSubject,
    };
    const sql = odditySql(s.hooks);
    try {
      await classifyDestinations(s, opts.internal);
      for (const step of sql.steps) await s.run(step, pick(step, params));
      const internalHosts = Number(
        await firstValue(s, `SELECT count(DISTINCT host)::BIGINT FROM dest_odd_pairs`),
      );
      const endpoints = (await jsonRows<OddJson>(s, sql.result, pick(sql.result, params))).map(toOdd);
      return { internalHosts, endpoints };
    } finally {
      await dropTables(s, tables);
    }
  },
};

/** An odd pair as the result query's JSON spells it. */
interface OddJson {
  host: string;
  ip: string | null;
  domain: string | null;
  proxied: boolean;
  tls: number;
  http: number;
  hosts: number;
  f: string;
  l: string;
  ports: (number | null)[];
  ob: number | null;
  rb: number | null;
  counts: Record<OddityName, number>;
  ua: string | null;
  uaHosts: number | null;
  fp: string | null;
  fpHosts: number | null;
  subj: string | null;
  vs: string | null;
  uri: string | null;
}

function toOdd(x: OddJson): OddEndpoint {
  const counts = Object.fromEntries(Object.entries(x.counts).map(([k, v]) => [k, Number(v)])) as Record<
    OddityName,
    number
  >;
  return {
    host: x.host,
    ip: x.ip,
    domain: x.domain,
    proxied: Boolean(x.proxied),
    tlsSessions: Number(x.tls),
    httpRequests: Number(x.http),
    hosts: Number(x.hosts),
    counts,
    first: x.f,
    last: x.l,
    ports: x.ports.filter((p): p is number => p !== null).map(Number),
    bytesOut: x.ob === null ? null : Number(x.ob),
    bytesIn: x.rb === null ? null : Number(x.rb),
    userAgent: x.ua,
    userAgentHosts: x.uaHosts === null ? null : Number(x.uaHosts),
    fingerprint: x.fp,
    fingerprintHosts: x.fpHosts === null ? null : Number(x.fpHosts),
    subject: x.subj,
    validation: x.vs,
    uri: x.uri,
  };
}
