import { baseDialectHooks, type DialectHooks } from '../dialect-hooks.js';

/** DuckDB's spelling of the shared SQL pieces. */
export const duckdbHooks: DialectHooks = {
  ...baseDialectHooks,
  window(column = 'ts') {
    const sensor = column.replace(/ts$/, 'sensor');
    return `($from::TIMESTAMP IS NULL OR ${column} >= $from::TIMESTAMP) AND ($to::TIMESTAMP IS NULL OR ${column} <= $to::TIMESTAMP) AND ${this.scope(sensor)}`;
  },
  scope: (column = 'sensor') =>
    `($sensors::VARCHAR[] IS NULL OR list_contains($sensors::VARCHAR[], ${column}))`,
  iso: (expr) => `strftime(${expr}, '%Y-%m-%dT%H:%M:%S.%gZ')`,
  epoch: (expr) => `epoch(${expr})`,
  topN: (value, order, n) => `list(${value} ORDER BY ${order} DESC)[1:${n}]`,
};
