/** Output formats of commands that print rows. */
export const outputFormats = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof outputFormats)[number];

const control = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text of a cell with control characters made visible, so hostile data can't drive the terminal. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.replace(control, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Renders rows as an aligned text table. */
export function renderTable(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  maxWidth = 60,
): string {
  const cells = rows.map((r) => columns.map((c) => clip(cellText(r[c]), maxWidth)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] as string).length)));
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Renders rows as RFC 4180 CSV. */
export function renderCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns.map(esc).join(','), ...rows.map((r) => columns.map((c) => esc(r[c])).join(','))].join('\n');
}

/** JSON for scripts; bigints become strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

/** Byte counts in the terminal use the same decimal units as the reports. */
export { formatBytes } from '../format-bytes.js';
