import { showControls } from '../visible-text.js';

/**
 * Escapes text for Markdown (CommonMark + GFM tables) so that it renders as the same characters:
 * HTML-significant characters become entities (no raw tag survives a renderer that allows HTML),
 * Markdown punctuation that starts emphasis, links, code, strikethrough or headings is
 * backslash-escaped, pipes cannot end a table cell, and control characters (newlines included)
 * are shown as visible marks, so a string can never leave its table row or list item. A leading
 * `-`, `+` or `1.` is escaped too, so text that starts a line cannot start a list.
 */
export function mdText(s: string): string {
  return showControls(s)
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^([+-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Escaped text, or an em dash for an empty value, for table cells. */
export function mdCell(s: string | null | undefined): string {
  return s === null || s === undefined || s === '' ? '—' : mdText(s);
}

/** A GFM table; every cell is escaped by the caller (so numbers and our own words pass through). */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
