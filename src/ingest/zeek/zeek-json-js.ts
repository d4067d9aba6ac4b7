import type { EngineInput, EngineOutput } from '../engine.js';
import { ingestNdjson } from '../ndjson.js';
import { convertZeekJson } from './zeek-json-plan.js';
import { resolveLogType, targetForLogType } from './zeek-log-types.js';
import { FieldError } from './zeek-row-plan.js';

/** Reads Zeek JSON logs; each record's `_path` (or else the file name) picks its table. */
export function ingestZeekJson(input: EngineInput, fileLogType: string | null): Promise<EngineOutput> {
  return ingestNdjson(input, fileLogType ?? 'unknown', (record) => {
    const stated = typeof record['_path'] === 'string' ? (record['_path'] as string) : null;
    const target = targetForLogType(resolveLogType(stated, fileLogType));
    const row = convertZeekJson(target, record);
    if (row instanceof FieldError) return row;
    return { table: target.table, values: row.values, extra: row.extra };
  });
}
