import { provenanceNames } from '../../store/schema/column.js';
import { telemetryTables } from '../../store/schema/tables.js';
import type { CellValue } from '../../store/store.js';
import { jsonToCell } from '../json-values.js';
import type { LogTarget } from './zeek-log-types.js';
import { FieldError } from './zeek-row-plan.js';

const skipInExtra = new Set(['_path']);

/** Converts one Zeek JSON record into column values and the `extra` JSON of unknown fields. */
export function convertZeekJson(
  target: LogTarget,
  record: Record<string, unknown>,
): { values: CellValue[]; extra: string | null } | FieldError {
  const spec = telemetryTables[target.table];
  const used = new Set<string>();
  const values: CellValue[] = [];
  for (const col of spec.columns) {
    if (provenanceNames.has(col.name)) continue;
    if (col.zeek === undefined) {
      values.push(target.constants[col.name] ?? null);
      continue;
    }
    used.add(col.zeek);
    const v = jsonToCell(record[col.zeek], col.type, col.zeek);
    if (v instanceof FieldError) return v;
    values.push(v);
  }
  let extra: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    if (used.has(key) || skipInExtra.has(key)) continue;
    extra ??= {};
    extra[key] = record[key];
  }
  return { values, extra: extra === null ? null : JSON.stringify(extra) };
}
