import { renderCsv } from '../csv-cell.js';
import { blockListOf, isBenignForReport } from '../incident-indicators.js';
import type { ReportInput } from '../report-format.js';
import { visibleText } from '../visible-text.js';

const kindHeadings = {
  domain: 'names',
  ip: 'addresses',
  sha256: 'SHA-256',
  sha1: 'SHA-1',
  md5: 'MD5',
} as const;

/**
 * The block list as plain text: `#` comment lines saying which incident and kind, then one value
 * per line, ready for a firewall or resolver list. Values are written with `visibleText`, so a
 * name carrying a line break stays one line (and visibly odd) instead of adding a line; `show`
 * replaces that rule (Markdown percent-encodes instead).
 * Likely-benign incidents contribute nothing and say so.
 */
export function blockListText(input: ReportInput, show: (value: string) => string = visibleText): string {
  const lines = [
    `# mamori block list, generated ${visibleText(input.generatedAt)}, TLP:${input.tlp.toUpperCase()}`,
  ];
  for (const item of input.incidents) {
    const id = visibleText(item.incident.id);
    if (isBenignForReport(item)) {
      lines.push(`# ${id}: likely benign, nothing to block`);
      continue;
    }
    const list = blockListOf(item);
    if (list.length === 0) lines.push(`# ${id}: no indicator to block`);
    for (const kind of Object.keys(kindHeadings) as (keyof typeof kindHeadings)[]) {
      const values = list.filter((x) => x.kind === kind).map((x) => show(x.value));
      if (values.length > 0) lines.push(`# ${id} ${kindHeadings[kind]}`, ...values);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A value for a block list inside a Markdown code block: letters, digits and `.:-_` stay (every
 * real name, address and hash), anything else is percent-encoded (UTF-8). A value can then neither
 * end the block, start a Markdown structure, nor carry markup, and an odd one is visibly odd.
 */
export function percentEncodeUnusual(value: string): string {
  // A leading `-` is encoded too: `---` would start a Markdown rule outside the block.
  return value.replace(/^-|[^A-Za-z0-9.:_-]/gu, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** CSV columns of the block list. */
export const blockListColumns = ['incident', 'kind', 'value', 'role', 'server'] as const;

/**
 * The block list as CSV, one indicator a row; every cell goes through `csvCell` (visible escapes,
 * formula neutralisation, RFC 4180 quoting), so a value cannot break its cell or run in a spreadsheet.
 */
export function blockListCsv(input: ReportInput): string {
  const rows = input.incidents.flatMap((item) =>
    blockListOf(item).map((x) => ({
      incident: item.incident.id,
      kind: x.kind,
      value: x.value,
      role: x.role,
      server: x.server ?? '',
    })),
  );
  return `${renderCsv(blockListColumns, rows)}\n`;
}
