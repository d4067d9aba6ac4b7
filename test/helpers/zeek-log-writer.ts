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

/** The http.log columns the fixtures fill. */
export const httpFields: readonly ZeekField[] = [
  ['ts', 'time'],
  ['uid', 'string'],
  ['id.orig_h', 'addr'],
  ['id.orig_p', 'port'],
  ['id.resp_h', 'addr'],
  ['id.resp_p', 'port'],
  ['trans_depth', 'count'],
  ['method', 'string'],
  ['host', 'string'],
  ['uri', 'string'],
  ['referrer', 'string'],
  ['version', 'string'],
  ['user_agent', 'string'],
  ['request_body_len', 'count'],
  ['response_body_len', 'count'],
  ['status_code', 'count'],
  ['status_msg', 'string'],
  ['orig_mime_types', 'vector[string]'],
  ['resp_mime_types', 'vector[string]'],
];

/** One HTTP request of a fixture; what is left out is unset. */
export interface HttpRecord {
  readonly ts: number;
  readonly orig: string;
  readonly resp: string;
  readonly method: string;
  readonly host: string;
  readonly uri: string;
  readonly referrer?: string;
  readonly userAgent?: string;
  readonly out?: number;
  readonly in?: number;
  readonly status?: number;
  readonly origMime?: string;
  readonly respMime?: string;
}

/** Writes HTTP requests as a Zeek http.log, with uids H0, H1… in order. */
export function writeHttpLog(file: string, records: readonly HttpRecord[]): void {
  writeZeekLog(
    file,
    'http',
    httpFields,
    records.map((r, i) => [
      r.ts.toFixed(6),
      `H${i}`,
      r.orig,
      50_000 + (i % 10_000),
      r.resp,
      80,
      1,
      r.method,
      r.host,
      r.uri,
      r.referrer ?? null,
      '1.1',
      r.userAgent ?? null,
      r.out ?? 0,
      r.in ?? 0,
      r.status ?? 200,
      'OK',
      r.origMime ?? null,
      r.respMime ?? null,
    ]),
  );
}
