import type { RawRow } from '../store/pivot/raw-rows-query.js';
import { renderCsv } from './csv-cell.js';
import { visibleJson } from './visible-text.js';

/** The columns of a page of rows: `table` first, then every column in the order first met. */
export function rowColumns(rows: readonly RawRow[]): string[] {
  const columns = new Set<string>(['table']);
  for (const r of rows) for (const k of Object.keys(r.values)) columns.add(k);
  return [...columns];
}

/**
 * Rows as CSV: one header, one line per row, with `csvCell`'s rules (formula-leading text gets a
 * leading `'`; control, bidi and invisible characters become visible escapes). Lists and JSON
 * values are written as JSON text.
 */
export function rowsCsv(rows: readonly RawRow[]): string {
  return `${renderCsv(
    rowColumns(rows),
    rows.map((r) => ({ table: r.table, ...r.values })),
  )}\n`;
}

/**
 * Rows as JSON lines: `{"table": …, …columns}` per line, values exactly as stored (control, bidi and
 * invisible characters as `\uXXXX` escapes, which JSON reads back as the same characters).
 */
export function rowsJsonLines(rows: readonly RawRow[]): string {
  return rows.map((r) => `${visibleJson(JSON.stringify({ table: r.table, ...r.values }))}\n`).join('');
}
