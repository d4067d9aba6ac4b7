import { basename } from 'node:path';
import type { EngineInput, EngineOutput } from '../engine.js';
import { ingestNdjson } from '../ndjson.js';
import { unwrapZeekJson } from './zeek-json-layout.js';
import { convertZeekJson, missingAddresses } from './zeek-json-plan.js';
import { logTypeOfFileName } from './zeek-log-names.js';
import { resolveLogType, targetForLogType } from './zeek-log-types.js';
import { FieldError } from './zeek-row-plan.js';

/** The note for records whose log type came from the file name alone. */
export function guessedTypeNote(path: string, logType: string, records: number): string {
  const counted = records === 1 ? '1 record names' : `${records} records name`;
  return `${path}: ${counted} no log type (no _path, @stream or wrapper); read as "${logType}" from the file name`;
}

/**
 * Reads Zeek JSON logs as Zeek and the common pipelines write them (see `unwrapZeekJson`); each
 * record's own log type (or else the file name) picks its table.
 */
export async function ingestZeekJson(input: EngineInput, fileLogType: string | null): Promise<EngineOutput> {
  const named = logTypeOfFileName(basename(input.path));
  const fromName = fileLogType ?? named?.type ?? null;
  const types = new Map<string, number>();
  let unnamed = 0;
  const out = await ingestNdjson(input, fromName ?? 'unknown', (record) => {
    const r = unwrapZeekJson(record);
    if (r.logType === null) unnamed += 1;
    const logType = resolveLogType(r.logType, fromName);
    const target = targetForLogType(logType);
    const row = convertZeekJson(target, r.fields);
    if (row instanceof FieldError) return row;
    const missing = missingAddresses(target.table, row.values);
    if (missing) return new FieldError(`${logType} record without ${missing}`);
    types.set(logType, (types.get(logType) ?? 0) + 1);
    return {
      table: target.table,
      values: row.values,
      extra: row.extra,
      sensor: input.sensorFromData ? r.sensor : null,
    };
  });
  // One log type in the whole file names the file; several leave the name's (or the first's).
  if (types.size === 1) out.logType = [...types.keys()][0] as string;
  else if (fromName === null && types.size > 0) out.logType = [...types.keys()][0] as string;
  if (unnamed > 0 && (named?.guessed ?? true)) {
    out.notes.push(guessedTypeNote(input.path, fromName ?? 'unknown', unnamed));
  }
  return out;
}
