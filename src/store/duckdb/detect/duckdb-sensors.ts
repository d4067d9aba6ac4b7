import { listValue } from '@duckdb/node-api';
import type { SensorQueries } from '../../detect-store.js';
import { telemetryTableNames } from '../../schema/tables.js';
import type { DuckDBDetectContext } from './duckdb-detect-context.js';

/**
 * Which sensors the telemetry holds, read from the rows rather than the batch records: one file may
 * carry several sensors (a log shipper's wrapper names the host that wrote each record).
 */
export function duckdbSensorQueries(ctx: DuckDBDetectContext): SensorQueries {
  const distinct = async (where: string, params: Record<string, ReturnType<typeof listValue>> = {}) => {
    await ctx.settle();
    const union = telemetryTableNames
      .map((t) => `SELECT DISTINCT sensor FROM "${t}" WHERE ${where}`)
      .join(' UNION ');
    const r = await ctx.conn.runAndReadAll(
      `SELECT sensor FROM (${union}) WHERE sensor IS NOT NULL ORDER BY sensor`,
      params,
    );
    return r.getRows().map((row) => String(row[0]));
  };
  return {
    sensors: () => distinct('true'),
    async sensorsOf(sourceFiles) {
      if (sourceFiles.length === 0) return [];
      return distinct('list_contains($files::VARCHAR[], source_file)', {
        files: listValue([...new Set(sourceFiles)]),
      });
    },
  };
}
