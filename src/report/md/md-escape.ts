import { endRtlRuns, visibleText } from '../visible-text.js';

/**
 * Defangs indicators the way CTI reports do, so that no Markdown renderer or chat client turns an
 * attacker's name into a live link (GitHub autolinks `www.` and `http://` text even when escaped):
 * `http://` becomes `hxxp://`, `www.` `www[.]`, the dot before a name's last label `[.]`
 * (`evil.example[.]com`) and a mail address's `@` `[@]`. Addresses and version numbers stay as
 * they are: no renderer links them. JSON and STIX keep the values as seen, for machines.
 */
export function defang(s: string): string {
  return s
    .replace(/\bhttp(s?):\/\//gi, 'hxxp$1://')
    .replace(/\bftp:\/\//gi, 'fxp://')
    .replace(/\bwww\./gi, 'www[.]')
    .replace(/\b((?:[a-z0-9-]+\.)*[a-z0-9-]+)\.([a-z][a-z0-9-]*[a-z])\b/gi, '$1[.]$2')
    .replace(/([a-z0-9._%+-])@(?=[a-z0-9-]+(?:\.|\[\.\]))/gi, '$1[@]');
}

/**
 * Escapes text for Markdown (CommonMark + GFM tables) so that it renders as the same characters:
 * HTML-significant characters become entities (no raw tag survives a renderer that allows HTML),
 * Markdown punctuation that starts emphasis, links, code, strikethrough or headings is
 * backslash-escaped, pipes cannot end a table cell, and control, bidi and invisible characters
 * (newlines included) are written as visible escapes (`visibleText`), so a string can never leave
 * its table row or list item or reorder its neighbours. A leading `-`, `+` or `1.` is escaped too,
 * so text that starts a line cannot start a list. Names, URLs and mail addresses are defanged first
 * (`defang`); right-to-left runs end with a left-to-right mark (`endRtlRuns`).
 */
export function mdText(s: string): string {
  const text = defang(visibleText(s))
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^([+-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return endRtlRuns(text, '&lrm;');
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
