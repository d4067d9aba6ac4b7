import type { AnalyticsSession, SqlParams } from '../../../store/analytics-session.js';
import { telemetryTableNames } from '../../../store/schema/tables.js';
import type { SharedSql } from '../shared-query.js';

/**
 * Which sensors the telemetry holds, read from the rows rather than the batch records: one file may
 * carry several sensors (a log shipper's wrapper names the host that wrote each record).
 */
async function distinctSensors(
  s: AnalyticsSession,
  where: string,
  params: SqlParams = {},
): Promise<string[]> {
  await s.settle();
  const union = telemetryTableNames
    .map((t) => `SELECT DISTINCT sensor FROM "${t}" WHERE ${where}`)
    .join(' UNION ');
  const rows = await s.rows(`SELECT sensor FROM (${union}) WHERE sensor IS NOT NULL ORDER BY sensor`, params);
  return rows.map((row) => String(row[0]));
}

/** The shared aggregates in DuckDB's SQL. */
export const duckdbShared: SharedSql = {
  async internalOriginators(s, opts) {
    await s.settle();
    await s.classify(opts.internal);
    const window = s.hooks.window();
    const r = await s.objects(
      `SELECT count(*)::BIGINT AS n FROM det_class WHERE internal AND ip IN (
         SELECT orig_h FROM conn WHERE ${window} UNION SELECT orig_h FROM ssl WHERE ${window}
         UNION SELECT orig_h FROM http WHERE ${window} UNION SELECT orig_h FROM dns WHERE ${window})`,
      s.hooks.windowParams(opts),
    );
    return Number(r[0]?.['n'] ?? 0);
  },

  async internalProxies(s, opts) {
    await s.settle();
    await s.classify(opts.internal);
    const rows = await s.rows(
      `SELECT DISTINCT h.resp_h FROM http h
         JOIN det_class o ON o.ip = h.orig_h AND o.internal JOIN det_class r ON r.ip = h.resp_h AND r.internal
       WHERE ${s.hooks.window('h.ts')}
         AND (h.method = 'CONNECT' OR lower(h.uri) LIKE 'http://%' OR lower(h.uri) LIKE 'https://%')
       ORDER BY 1`,
      s.hooks.windowParams(opts),
    );
    return rows.map((row) => String(row[0]));
  },

  sensors: (s) => distinctSensors(s, 'true'),

  async sensorsOf(s, sourceFiles) {
    if (sourceFiles.length === 0) return [];
    return distinctSensors(s, 'list_contains($files::VARCHAR[], source_file)', {
      files: [...new Set(sourceFiles)],
    });
  },
};
