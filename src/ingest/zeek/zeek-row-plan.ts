import type { ColumnSpec, ColumnType } from '../../store/schema/column.js';
import { provenanceNames } from '../../store/schema/column.js';
import { telemetryTables } from '../../store/schema/tables.js';
import { intervalProblem, isAddress, quoteValue } from '../../store/schema/value-ranges.js';
import type { CellValue } from '../../store/store.js';
import {
  parseBool,
  parseCount,
  parseDouble,
  parseEpochMicros,
  parseInt64,
  parsePort,
  roundMicros,
  unescapeZeek,
  type ZeekJsonKind,
  zeekJsonKind,
  zeekKind,
  zeekTextToJson,
} from '../../zeek/zeek-values.js';
import type { LogTarget } from './zeek-log-types.js';

/** Thrown-free conversion failure: the row is rejected with this reason. */
export class FieldError {
  constructor(readonly reason: string) {}
}

type Convert = (text: string) => CellValue | FieldError;

/** How one TSV layout maps onto a table: a converter per column and the fields kept in `extra`. */
export interface TsvRowPlan {
  readonly target: LogTarget;
  readonly fieldCount: number;
  readonly columns: readonly {
    readonly index: number;
    readonly convert: Convert | null;
    readonly constant: CellValue;
  }[];
  readonly extra: readonly {
    readonly name: string;
    readonly index: number;
    readonly list: boolean;
    readonly kind: ZeekJsonKind;
  }[];
  readonly unsetField: string;
  readonly emptyField: string;
  readonly setSeparator: string;
}

function scalar(type: ColumnType, field: string): Convert {
  const bad = (text: string) =>
    new FieldError(`field ${field}: "${text.slice(0, 80)}" is not a valid ${type}`);
  switch (type) {
    case 'timestamp':
      return (t) => parseEpochMicros(t) ?? bad(t);
    case 'ubigint':
      return (t) => parseCount(t) ?? bad(t);
    case 'bigint':
      return (t) => parseInt64(t) ?? bad(t);
    case 'integer':
      return (t) => parsePort(t) ?? bad(t);
    case 'double':
      return (t) => {
        const parsed = parseDouble(t);
        if (parsed === null) return bad(t);
        const v = roundMicros(parsed);
        const problem = intervalProblem(v);
        return problem === null ? v : new FieldError(`field ${field}: ${quoteValue(t)} ${problem}`);
      };
    case 'boolean':
      return (t) => parseBool(t) ?? bad(t);
    default:
      return (t) => unescapeZeek(t);
  }
}

/** An interval list element to the microsecond (see roundMicros): null when it is not a number or out of range. */
export function intervalOrNull(v: number | null): number | null {
  if (v === null) return null;
  const r = roundMicros(v);
  return intervalProblem(r) === null ? r : null;
}

// The target column's type (and whether it holds an address) alone decides how a field is read, so
// that this JS engine and the native loader (which declares the same types to DuckDB's reader and
// checks the same ranges) accept and reject the same lines.
function converter(col: ColumnSpec, plan: { empty: string; setSep: string }): Convert {
  if (col.type === 'varchar[]' || col.type === 'double[]') {
    const numeric = col.type === 'double[]';
    return (t) => {
      if (t === plan.empty) return [];
      const parts = t.split(plan.setSep);
      // Elements that are not numbers, or out of an interval's range, become null rather than
      // rejecting the whole record.
      return numeric ? parts.map((p) => intervalOrNull(parseDouble(p))) : parts.map(unescapeZeek);
    };
  }
  if (col.address) {
    const field = col.zeek ?? col.name;
    return (t) => {
      const v = unescapeZeek(t);
      return isAddress(v) ? v : new FieldError(`field ${field}: ${quoteValue(v)} is not an IP address`);
    };
  }
  if (col.type === 'varchar') return (t) => (t === plan.empty ? '' : unescapeZeek(t));
  return scalar(col.type, col.zeek ?? col.name);
}

/** Builds the plan for a layout; unknown fields (e.g. `_node_name`, `label`) go to `extra`. */
export function planTsvRows(
  target: LogTarget,
  layout: {
    fields: readonly string[];
    types: readonly string[];
    unsetField: string;
    emptyField: string;
    setSeparator: string;
  },
): TsvRowPlan {
  const spec = telemetryTables[target.table];
  const indexOf = new Map(layout.fields.map((f, i) => [f, i]));
  const used = new Set<number>();
  const opts = { empty: layout.emptyField, setSep: layout.setSeparator };
  const columns = spec.columns
    .filter((c) => !provenanceNames.has(c.name))
    .map((c) => {
      const index = c.zeek === undefined ? -1 : (indexOf.get(c.zeek) ?? -1);
      if (index >= 0) used.add(index);
      return {
        index,
        convert: index >= 0 ? converter(c, opts) : null,
        constant: target.constants[c.name] ?? null,
      };
    });
  const extra = layout.fields
    .map((name, index) => {
      const type = layout.types[index] ?? 'string';
      return { name, index, list: zeekKind(type) === 'list', kind: zeekJsonKind(type) };
    })
    .filter((f) => !used.has(f.index));
  return {
    target,
    fieldCount: layout.fields.length,
    columns,
    extra,
    unsetField: layout.unsetField,
    emptyField: layout.emptyField,
    setSeparator: layout.setSeparator,
  };
}

/**
 * The `extra` JSON for unknown fields, typed from `#types` as Zeek's JSON writer types them
 * (numbers, booleans, arrays); unset fields are left out, as Zeek's JSON leaves them out.
 */
export function extraJson(plan: TsvRowPlan, fields: readonly string[]): string | null {
  if (plan.extra.length === 0) return null;
  const obj: Record<string, unknown> = {};
  let kept = 0;
  for (const e of plan.extra) {
    const t = fields[e.index] as string;
    if (t === plan.unsetField) continue;
    kept += 1;
    if (e.list) {
      obj[e.name] =
        t === plan.emptyField ? [] : t.split(plan.setSeparator).map((x) => zeekTextToJson(x, e.kind));
    } else obj[e.name] = t === plan.emptyField ? '' : zeekTextToJson(t, e.kind);
  }
  return kept === 0 ? null : JSON.stringify(obj);
}

/** Converts one TSV record; returns the values or the reason it is rejected. */
export function convertTsvFields(plan: TsvRowPlan, fields: readonly string[]): CellValue[] | FieldError {
  if (fields.length !== plan.fieldCount) {
    return new FieldError(`expected ${plan.fieldCount} fields, found ${fields.length}`);
  }
  const out: CellValue[] = new Array(plan.columns.length);
  for (let i = 0; i < plan.columns.length; i++) {
    const c = plan.columns[i]!;
    if (c.convert === null) {
      out[i] = c.constant;
      continue;
    }
    const text = fields[c.index] as string;
    if (text === plan.unsetField) {
      out[i] = null;
      continue;
    }
    const v = c.convert(text);
    if (v instanceof FieldError) return v;
    out[i] = v;
  }
  return out;
}
