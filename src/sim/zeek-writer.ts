import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type SimLog, simulatorLayouts } from './log/zeek-layouts.js';

function stamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', '-').replaceAll(':', '-');
}

/** The `#` header lines Zeek writes at the top of a TSV log. */
export function zeekHeaderLines(
  path: string,
  fields: readonly string[],
  types: readonly string[],
  open = '2024-04-19-00-00-00',
): string[] {
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${path}`,
    `#open\t${open}`,
    `#fields\t${fields.join('\t')}`,
    `#types\t${types.join('\t')}`,
  ];
}

/** Zeek TSV text for one log file, with the header and `#close` footer Zeek writes. */
export function zeekTsv(type: SimLog, rows: readonly (readonly string[])[], open: Date, close: Date): string {
  const l = simulatorLayouts[type];
  const head = zeekHeaderLines(type, l.fields, l.types, stamp(open));
  return `${[...head, ...rows.map((r) => r.join('\t')), `#close\t${stamp(close)}`].join('\n')}\n`;
}

/** Writes rows as Zeek's hourly rotation does: `<dir>/<YYYY-MM-DD>/<type>.HH-00-00-HH-00-00.log.gz`. */
export function writeRotated(
  dir: string,
  type: SimLog,
  hourStart: Date,
  rows: readonly (readonly string[])[],
): string {
  const day = hourStart.toISOString().slice(0, 10);
  const h = hourStart.getUTCHours();
  const hh = (n: number) => String(n % 24).padStart(2, '0');
  const folder = join(dir, day);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${type}.${hh(h)}-00-00-${hh(h + 1)}-00-00.log.gz`);
  const close = new Date(hourStart.getTime() + 3600_000);
  writeFileSync(path, gzipSync(zeekTsv(type, rows, hourStart, close)));
  return path;
}
