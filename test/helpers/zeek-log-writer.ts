import { writeFileSync } from 'node:fs';

/** A Zeek field: its name and its Zeek type. */
export type ZeekField = readonly [name: string, type: string];

/** The conn.log columns the fixtures fill (a subset Zeek itself writes when scripts trim it). */
export const connFields: readonly ZeekField[] = [
  ['ts', 'time'],
  ['uid', 'string'],
  ['id.orig_h', 'addr'],
  ['id.orig_p', 'port'],
  ['id.resp_h', 'addr'],
  ['id.resp_p', 'port'],
  ['proto', 'enum'],
  ['service', 'string'],
  ['duration', 'interval'],
  ['orig_bytes', 'count'],
  ['resp_bytes', 'count'],
  ['conn_state', 'string'],
  ['history', 'string'],
];

/** One conn record of a fixture; what is left out is unset. */
export interface ConnRecord {
  readonly ts: number;
  readonly orig: string;
  readonly resp: string;
  readonly port: number;
  readonly proto?: 'tcp' | 'udp';
  readonly service?: string;
  readonly duration?: number;
  readonly out?: number;
  readonly in?: number;
}

/** Writes a Zeek TSV log with its header lines, as Zeek's ASCII writer does. */
export function writeZeekLog(
  file: string,
  logPath: string,
  fields: readonly ZeekField[],
  rows: readonly (readonly (string | number | null)[])[],
): void {
  const cell = (v: string | number | null) => (v === null ? '-' : typeof v === 'number' ? String(v) : v);
  const lines = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${logPath}`,
    '#open\t2024-05-01-00-00-00',
    `#fields\t${fields.map((f) => f[0]).join('\t')}`,
    `#types\t${fields.map((f) => f[1]).join('\t')}`,
    ...rows.map((r) => r.map(cell).join('\t')),
    '#close\t2024-05-02-00-00-00',
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Writes conn records as a Zeek conn.log, with uids C0, C1… in order. */
export function writeConnLog(file: string, records: readonly ConnRecord[]): void {
  writeZeekLog(
    file,
    'conn',
    connFields,
    records.map((r, i) => [
      r.ts.toFixed(6),
      `C${i}`,
      r.orig,
      40_000 + (i % 20_000),
      r.resp,
      r.port,
      r.proto ?? 'tcp',
      r.service ?? null,
      r.duration === undefined ? null : r.duration.toFixed(6),
      r.out ?? 0,
      r.in ?? 0,
      'SF',
      'ShADadFf',
    ]),
  );
}
