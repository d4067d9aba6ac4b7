import type { EngineInput, EngineOutput } from '../engine.js';
import { ingestNdjson } from '../ndjson.js';
import { convertZeekJson } from './zeek-json-plan.js';
import { targetForLogType } from './zeek-log-types.js';
import { FieldError } from './zeek-row-plan.js';

/** Reads Zeek JSON logs; each record's `_path` (or else the file name) picks its table. */
export function ingestZeekJson(input: EngineInput, fileLogType: string | null): Promise<EngineOutput> {
  const fallback = fileLogType ?? 'unknown';
  return ingestNdjson(input, fallback, (record) => {
    const stated = typeof record['_path'] === 'string' ? (record['_path'] as string) : fallback;
    // Some exporters write `_path: conn` inside open_conn.log; the file name is the more specific.
    const path = fallback === `open_${stated}` ? fallback : stated;
    const target = targetForLogType(path);
    const row = convertZeekJson(target, record);
    if (row instanceof FieldError) return row;
    return { table: target.table, values: row.values, extra: row.extra };
  });
}
