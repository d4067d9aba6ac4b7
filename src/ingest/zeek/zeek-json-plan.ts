import type { ColumnType } from '../../store/schema/column.js';
import { provenanceNames } from '../../store/schema/column.js';
import { type TelemetryTableName, telemetryTables } from '../../store/schema/tables.js';
import type { CellValue } from '../../store/store.js';
import { jsonToCell } from '../json-values.js';
import type { LogTarget } from './zeek-log-types.js';
import { FieldError } from './zeek-row-plan.js';

interface JsonTablePlan {
  readonly columns: readonly {
    readonly name: string;
    readonly type: ColumnType;
    readonly zeek: string | undefined;
    readonly address: true | undefined;
  }[];
  /** Keys that have a column (or are never kept, like `_path`). */
  readonly known: ReadonlySet<string>;
  readonly origIndex: number;
  readonly respIndex: number;
}

// Built once per table: records are many, tables few.
const plans = new Map<TelemetryTableName, JsonTablePlan>();

function planFor(table: TelemetryTableName): JsonTablePlan {
  let plan = plans.get(table);
  if (!plan) {
    const columns = telemetryTables[table].columns
      .filter((c) => !provenanceNames.has(c.name))
      .map((c) => ({ name: c.name, type: c.type, zeek: c.zeek, address: c.address }));
    const known = new Set(['_path', ...columns.flatMap((c) => (c.zeek === undefined ? [] : [c.zeek]))]);
    plan = {
      columns,
      known,
      origIndex: columns.findIndex((c) => c.name === 'orig_h'),
      respIndex: columns.findIndex((c) => c.name === 'resp_h'),
    };
    plans.set(table, plan);
  }
  return plan;
}

// Tables whose rows mean nothing without both ends of the connection.
const addressed: ReadonlySet<TelemetryTableName> = new Set(['conn', 'dns', 'http', 'ssl']);

/** Tables whose records are rejected without `id.orig_h` and `id.resp_h`. */
export function needsAddresses(table: TelemetryTableName): boolean {
  return addressed.has(table);
}

/** Which address a converted conn, dns, http or ssl row lacks (as Zeek names it), or null. */
export function missingAddresses(table: TelemetryTableName, values: readonly CellValue[]): string | null {
  if (!addressed.has(table)) return null;
  const plan = planFor(table);
  const orig = values[plan.origIndex] === null || values[plan.origIndex] === undefined;
  const resp = values[plan.respIndex] === null || values[plan.respIndex] === undefined;
  if (orig && resp) return 'originator and responder addresses (id.orig_h, id.resp_h)';
  if (orig) return 'originator address (id.orig_h)';
  if (resp) return 'responder address (id.resp_h)';
  return null;
}

/** Converts one Zeek JSON record into column values and the `extra` JSON of unknown fields. */
export function convertZeekJson(
  target: LogTarget,
  record: Record<string, unknown>,
): { values: CellValue[]; extra: string | null } | FieldError {
  const plan = planFor(target.table);
  const values: CellValue[] = new Array(plan.columns.length);
  for (let i = 0; i < plan.columns.length; i++) {
    const col = plan.columns[i]!;
    if (col.zeek === undefined) {
      values[i] = target.constants[col.name] ?? null;
      continue;
    }
    const v = jsonToCell(record[col.zeek], col, col.zeek);
    if (v instanceof FieldError) return v;
    values[i] = v;
  }
  let extra: Record<string, unknown> | null = null;
  for (const key in record) {
    if (plan.known.has(key)) continue;
    extra ??= {};
    extra[key] = record[key];
  }
  return { values, extra: extra === null ? null : JSON.stringify(extra) };
}
