import type { ColumnSpec, ColumnType } from '../store/schema/column.js';
import { intervalProblem, isAddress, quoteValue } from '../store/schema/value-ranges.js';
import type { CellValue } from '../store/store.js';
import {
  epochNumberToMicros,
  isoToMicros,
  parseCount,
  parseDouble,
  parseEpochMicros,
  parseInt64,
  roundMicros,
} from '../zeek/zeek-values.js';
import { FieldError, intervalOrNull } from './zeek/zeek-row-plan.js';

const maxU64 = 18446744073709551615n;

/** An integer from JSON: a safe integer stays a number (no BigInt garbage), a larger one becomes a bigint. */
function toInteger(v: unknown, signed: boolean): number | bigint | null {
  if (typeof v === 'number' && Number.isInteger(v)) return Number.isSafeInteger(v) ? v : BigInt(v);
  if (typeof v === 'string') return signed ? parseInt64(v) : parseCount(v);
  return null;
}

function invalid(value: unknown, type: ColumnType, field: string): FieldError {
  return new FieldError(`field ${field}: ${JSON.stringify(value).slice(0, 80)} is not a valid ${type}`);
}

// The range is checked on the stored (microsecond) value, as the TSV readers check it.
function interval(v: number, value: unknown, field: string): number | FieldError {
  const stored = roundMicros(v);
  const problem = intervalProblem(stored);
  return problem === null ? stored : new FieldError(`field ${field}: ${quoteValue(value)} ${problem}`);
}

/**
 * Converts a JSON value to a column's type and range; null for absent values, FieldError for wrong
 * ones (an address column takes only an IP address, see `isAddress`).
 */
export function jsonToCell(
  value: unknown,
  col: Pick<ColumnSpec, 'type' | 'address'>,
  field: string,
): CellValue | FieldError {
  if (value === null || value === undefined) return null;
  const type: ColumnType = col.type;
  if (col.address) {
    return typeof value === 'string' && isAddress(value)
      ? value
      : new FieldError(`field ${field}: ${quoteValue(value)} is not an IP address`);
  }
  switch (type) {
    case 'timestamp': {
      const v =
        typeof value === 'number'
          ? epochNumberToMicros(value)
          : typeof value === 'string'
            ? (isoToMicros(value) ?? parseEpochMicros(value))
            : null;
      return v ?? invalid(value, type, field);
    }
    case 'ubigint': {
      const v = toInteger(value, false);
      return v === null || v < 0 || v > maxU64 ? invalid(value, type, field) : v;
    }
    case 'bigint': {
      const v = toInteger(value, true);
      return v === null || v < -(2n ** 63n) || v >= 2n ** 63n ? invalid(value, type, field) : v;
    }
    case 'integer': {
      // Integer columns hold ports, as in the TSV reader.
      const v = typeof value === 'string' ? Number(value) : value;
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535
        ? v
        : invalid(value, type, field);
    }
    case 'double': {
      if (typeof value === 'number') return interval(value, value, field);
      const v = typeof value === 'string' ? parseDouble(value) : null;
      return v === null ? invalid(value, type, field) : interval(v, value, field);
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'T' || value === 'true') return true;
      if (value === 'F' || value === 'false') return false;
      return invalid(value, type, field);
    case 'varchar':
      return typeof value === 'string'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    case 'varchar[]': {
      const list = Array.isArray(value) ? value : [value];
      return list.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    }
    case 'double[]': {
      const list = Array.isArray(value) ? value : [value];
      return list.map((x) =>
        intervalOrNull(typeof x === 'number' ? x : typeof x === 'string' ? parseDouble(x) : null),
      );
    }
    case 'json':
      return JSON.stringify(value);
  }
}
