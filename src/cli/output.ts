import { randomUUID } from 'node:crypto';
import { clip } from '../clip.js';
import { visibleJson, visibleLines, visibleText } from '../report/visible-text.js';
import { applyStyles, colourEnabled, paint, type Style, terminalWidth } from './terminal.js';

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
 * as an escape, so nothing from the data can drive the terminal. Only then do our style marks
 * (`paint`) become colour, when stdout gets colour.
 */
export function printText(text: string): void {
  console.log(applyStyles(visibleLines(text), colourEnabled()));
}

/** `printText` for stderr, never in colour. */
export function printError(text: string): void {
  console.error(applyStyles(visibleLines(text), false));
}

const width = (s: string) => [...s].length;

/** How `renderTable` lays out a table. */
export interface TableOptions {
  /** Longest cell; longer values end in `…` (default {@link tableCellMax}). */
  readonly maxWidth?: number;
  /** Columns the table may take (default the terminal's, {@link terminalWidth}); undefined: no limit. */
  readonly width?: number | undefined;
  /** The style of a cell, if any (a severity in red); applied after the cell was cut and measured. */
  readonly paint?: (column: string, row: Record<string, unknown>) => Style | null;
}

// When a table is wider than the terminal, columns of long values (names, addresses, explanations)
// give up room, widest first, down to `shrunkWidth`; short ones (times, sizes, severities) stay
// whole. A table of many short columns may stay wider than the terminal.
const shortWidth = 16;
const shrunkWidth = 12;

/** Widths that fit `total` columns with two spaces between, cutting the widest long columns first. */
function fitWidths(widths: number[], total: number | undefined): number[] {
  if (total === undefined) return widths;
  const fitted = [...widths];
  let excess = fitted.reduce((a, w) => a + w, 0) + 2 * (fitted.length - 1) - total;
  while (excess > 0) {
    let widest = -1;
    fitted.forEach((w, i) => {
      if (
        (widths[i] as number) > shortWidth &&
        w > shrunkWidth &&
        (widest < 0 || w > (fitted[widest] as number))
      )
        widest = i;
    });
    if (widest < 0) break;
    fitted[widest] = (fitted[widest] as number) - 1;
    excess--;
  }
  return fitted;
}

/**
 * Renders rows as an aligned text table. Long values are cut at `maxWidth` characters, and a table
 * wider than the terminal cuts its widest columns further, each value ending in `…`.
 */
export function renderTable(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  options: number | TableOptions = {},
): string {
  const opts = typeof options === 'number' ? { maxWidth: options } : options;
  const maxWidth = opts.maxWidth ?? tableCellMax;
  const total = 'width' in opts ? opts.width : terminalWidth();
  // Cut by code points, so a surrogate pair is never split.
  const cut = (s: string, max: number) => clip(s, max, { codePoints: true });
  const head0 = columns.map((c) => cut(visibleText(c), maxWidth));
  const cells0 = rows.map((r) => columns.map((c) => cut(cellText(r[c]), maxWidth)));
  const natural = head0.map((c, i) => Math.max(width(c), ...cells0.map((row) => width(row[i] as string))));
  const widths = fitWidths(natural, total);
  const head = head0.map((c, i) => cut(c, widths[i] as number));
  const cells = cells0.map((row) => row.map((c, i) => cut(c, widths[i] as number)));
  const line = (vals: readonly string[], row?: Record<string, unknown>) =>
    vals
      .map((v, i) => {
        const padded = v + ' '.repeat((widths[i] as number) - width(v));
        const style = row && opts.paint ? opts.paint(columns[i] as string, row) : null;
        return style ? paint(style, v) + padded.slice(v.length) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map((c, r) => line(c, rows[r]))].join(
    '\n',
  );
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
