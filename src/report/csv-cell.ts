/** CSV cells safe to open in a spreadsheet: shared by `--csv` output and the CSV block list. */
import { visibleText } from './visible-text.js';

/**
 * A plain decimal number, or DuckDB's spelling of an infinite or NaN double: a spreadsheet reads it
 * as a number or as text, never as a formula.
 */
const plainNumber = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|Infinity|NaN)$/;

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Numbers, bigints and booleans are written as they are, and so is a string that is
 * a plain decimal number (DuckDB returns BIGINT, HUGEINT and DECIMAL as strings, and infinite
 * doubles as `-Infinity`), so `-1.5` and `-5` stay numbers.
 * Any other string is made visible (`visibleText`: control, bidi and invisible characters become
 * escapes such as `\n` and `\u202E`), and if it then begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return it gets a leading `'`, so that Excel, LibreOffice and Sheets show it as text
 * instead of running it. Cells holding a comma or a double quote are quoted (RFC 4180).
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  const raw = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (plainNumber.test(raw)) return raw;
  const text = visibleText(raw);
  const safe = formulaStart.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Renders rows as CSV (RFC 4180 quoting, one record per line) with `csvCell`'s rules. */
export function renderCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return [
    columns.map(csvCell).join(','),
    ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(',')),
  ].join('\n');
}
