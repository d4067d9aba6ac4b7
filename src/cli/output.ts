import { randomUUID } from 'node:crypto';
import { visibleJson, visibleLines, visibleText } from '../report/visible-text.js';

/** Output formats of commands that print rows. */
export const outputFormats = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** Longest cell a terminal table shows by default; longer values end in `…` (JSON and CSV keep all). */
export const tableCellMax = 60;

/** Text of a value as one line, every control, bidi and invisible character written as an escape. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return visibleText(s);
}

/**
 * Prints text we composed (which may quote file names and data) to stdout. Our own line breaks
 * stay; any other control character, such as an `ESC ]0;` title sequence in a file name, is written
 * as an escape, so nothing from the data can drive the terminal.
 */
export function printText(text: string): void {
  console.log(visibleLines(text));
}

/** `printText` for stderr. */
export function printError(text: string): void {
  console.error(visibleLines(text));
}

const width = (s: string) => [...s].length;

/** Renders rows as an aligned text table; long values are cut at `maxWidth` characters. */
export function renderTable(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  maxWidth = tableCellMax,
): string {
  const head = columns.map((c) => clip(visibleText(c), maxWidth));
  const cells = rows.map((r) => columns.map((c) => clip(cellText(r[c]), maxWidth)));
  const widths = head.map((c, i) => Math.max(width(c), ...cells.map((row) => width(row[i] as string))));
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => v + ' '.repeat((widths[i] as number) - width(v)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Cuts by code points, so a surrogate pair is never split. */
function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

export { csvCell, renderCsv } from './csv-output.js';

/**
 * JSON for scripts. Bigints (DuckDB's BIGINT and HUGEINT) are written as JSON numbers with all
 * their digits, even past 2^53 where a double would round them; a parser that reads them as
 * doubles loses precision there, one that reads big numbers (Python, jq 1.7) does not. Control, bidi and invisible characters inside strings
 * are written as `\uXXXX` escapes (`visibleJson`), which JSON reads back as the same characters:
 * the values are unchanged, but a terminal showing the output is not steered by them.
 */
export function toJson(value: unknown): string {
  // JSON.stringify refuses bigints: each becomes a string carrying a random mark, which no value
  // from the data can contain, and the quotes around the marked digits are then dropped.
  const mark = `bigint-${randomUUID()}:`;
  const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${mark}${v}` : v), 2);
  if (text === undefined) return 'null';
  return visibleJson(text.replaceAll(new RegExp(`"${mark}(-?\\d+)"`, 'g'), '$1'));
}

/** Byte counts in the terminal use the same decimal units as the reports. */
export { formatBytes } from '../format-bytes.js';
