import { hostSql } from '../../sql/duckdb/duckdb-host-sql.js';
import type { PivotViewsSql, SearchKind } from '../pivot-views-query.js';
import { isoUs, num, textOrNull, usedParams } from './duckdb-params.js';

/** Where a kind of value may appear: table, field name, the predicate over `$v`, the host column. */
type Place = readonly [table: string, field: string, predicate: string, host: string];

// `$v` is the value (lower case for names and hashes); `$in(col)` an address test for IPs and CIDRs.
const name = (col: string) => `(${hostSql(col)} = $v OR ends_with(${hostSql(col)}, '.' || $v))`;
const addressPlaces = (test: (col: string) => string, listTest: (col: string) => string): Place[] => [
  ['conn', 'orig_h', test('orig_h'), 'orig_h'],
  ['conn', 'resp_h', test('resp_h'), 'orig_h'],
  ['dns', 'answers', listTest('answers'), 'orig_h'],
  ['ssl', 'resp_h', test('resp_h'), 'orig_h'],
  ['http', 'resp_h', test('resp_h'), 'orig_h'],
  ['alerts', 'orig_h', test('orig_h'), 'resp_h'],
  ['alerts', 'resp_h', test('resp_h'), 'orig_h'],
];
const inRange = (col: string) =>
  `${col} IN (SELECT ip FROM seen_ips WHERE v = $rv AND n BETWEEN $lo::UHUGEINT AND $hi::UHUGEINT)`;

const rangeList = `SELECT list(ip) FROM seen_ips WHERE v = $rv AND n BETWEEN $lo::UHUGEINT AND $hi::UHUGEINT`;

const places: Record<SearchKind, readonly Place[]> = {
  ip: addressPlaces(
    (col) => `${col} = $v`,
    (col) => `list_contains(${col}, $v)`,
  ),
  // A lambda cannot hold a subquery: the range's addresses are one list.
  cidr: addressPlaces(inRange, (col) => `list_has_any(${col}, (${rangeList}))`),
  domain: [
    ['dns', 'query', name('query'), 'orig_h'],
    ['ssl', 'server_name', name('server_name'), 'orig_h'],
    ['http', 'host', name('host'), 'orig_h'],
  ],
  // A JA3 fingerprint is an MD5 digest too: 32 hex digits are looked up as both.
  md5: [
    ['files', 'md5', 'lower(md5) = $v', 'resp_h'],
    ['ssl', 'ja3', 'lower(ja3) = $v', 'orig_h'],
    ['ssl', 'ja3s', 'lower(ja3s) = $v', 'orig_h'],
  ],
  sha1: [['files', 'sha1', 'lower(sha1) = $v', 'resp_h']],
  sha256: [['files', 'sha256', 'lower(sha256) = $v', 'resp_h']],
  ja3: [
    ['ssl', 'ja3', 'lower(ja3) = $v', 'orig_h'],
    ['ssl', 'ja3s', 'lower(ja3s) = $v', 'orig_h'],
  ],
  ja4: [['ssl', 'ja4', 'lower(ja4) = $v', 'orig_h']],
  text: [
    ['conn', 'uid', 'uid = $raw', 'orig_h'],
    ['conn', 'community_id', 'community_id = $raw', 'orig_h'],
    ['files', 'fuid', 'fuid = $raw', 'resp_h'],
  ],
};

/** Where a searched value appears, one hit per table and field holding it, in DuckDB's SQL. */
export const duckdbTelemetryHits: PivotViewsSql['telemetryHits'] = async (s, q, sensors) => {
  await s.settle();
  const union = places[q.kind]
    .map(
      ([table, field, predicate, host]) =>
        `SELECT '${table}' AS t, '${field}' AS f, count(*)::DOUBLE AS n, count(DISTINCT ${host})::DOUBLE AS h,
                ${isoUs('min(ts)')} AS first, ${isoUs('max(ts)')} AS last
         FROM "${table}" WHERE ${predicate} AND ${s.hooks.scope()}`,
    )
    .join(' UNION ALL ');
  const sql = `SELECT * FROM (${union}) WHERE n > 0 ORDER BY n DESC, t, f`;
  const rows = await s.objects(
    sql,
    usedParams(sql, {
      v: q.value.toLowerCase(),
      raw: q.value,
      rv: q.range?.v ?? null,
      lo: q.range?.lo.toString() ?? null,
      hi: q.range?.hi.toString() ?? null,
      sensors: s.hooks.windowParams({ sensors }).sensors,
    }),
  );
  return rows.map((r) => ({
    table: String(r['t']),
    field: String(r['f']),
    rows: num(r['n']),
    hosts: num(r['h']),
    first: textOrNull(r['first']),
    last: textOrNull(r['last']),
  }));
};
