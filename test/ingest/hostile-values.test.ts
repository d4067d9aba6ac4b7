import { gzipSync } from 'node:zlib';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { isAddress } from '../../src/store/schema/value-ranges.js';
import { isRealDate } from '../../src/zeek/zeek-values.js';
import { engines, ingestWithBothEngines, useEngineStores } from './ingest-helpers.js';

// Issue 12: values out of their column's range are rejects naming the field, in both engines.
const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'duration'];
const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'interval'];
const moreFields = ['orig_bytes', 'history'];
const moreTypes = ['count', 'string'];
const header = zeekHeaderLines('conn', [...fields, ...moreFields], [...types, ...moreTypes]);
const lineOf = (i: number) => header.length + 1 + i;
const row = (tag: string, i: number, edit: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    ts: `${1713484800 + i}.000000`,
    uid: `C${tag}${i}`,
    'id.orig_h': '10.0.0.1',
    'id.orig_p': `${40000 + i}`,
    'id.resp_h': '192.0.2.7',
    'id.resp_p': '443',
    proto: 'tcp',
    duration: '1.5',
    orig_bytes: '100',
    history: 'ShAD',
  };
  return [...fields, ...moreFields].map((f) => edit[f] ?? base[f]).join('\t');
};
const tsv = (lines: string[]) => `${header.join('\n')}\n${lines.join('\n')}\n`;

describe('hostile values at ingest (both engines agree)', () => {
  const { stores, write } = useEngineStores('hostile');

  const durations: [string, RegExp | null][] = [
    ['inf', /field duration: "inf" is infinite/],
    ['-inf', /field duration: "-inf" is infinite/],
    ['nan', /field duration: "nan" is not a number/],
    ['1e13', /field duration: "1e13" exceeds 1000000000 s/],
    ['-0.5', /field duration: "-0.5" is negative/],
    ['1000000000', null],
    ['0', null],
  ];
  const counts: [string, RegExp | null][] = [
    ['18446744073709551615', null],
    ['9223372036854775808', null],
    ['18446744073709551616', /field orig_bytes: /],
    ['-1', /field orig_bytes: /],
  ];

  for (const [variant, encode] of [
    ['plain', (s: string) => s],
    ['gzip', (s: string) => gzipSync(s)],
    // A backslash sends the native load through its staging table (Zeek escapes decoded after).
    ['escaped', (s: string) => s.replace('ShAD', 'Sh\\x41D')],
  ] as const) {
    it(`H2 (${variant}): infinite, NaN, negative and over 1e9 s durations are rejects naming the field; counts up to 2^64-1 load`, async () => {
      const lines = [
        ...durations.map(([d], i) => row(`d${variant}`, i, { duration: d })),
        ...counts.map(([c], i) => row(`c${variant}`, durations.length + i, { orig_bytes: c })),
      ];
      const name = `conn-h2-${variant}.log${variant === 'gzip' ? '.gz' : ''}`;
      const r = await ingestWithBothEngines(stores, write(name, encode(tsv(lines))));
      const expected = [...durations, ...counts].flatMap(([, re], i) =>
        re ? [[lineOf(i), re] as const] : [],
      );
      expect(r.rejects.map((x) => x.line)).toEqual(expected.map(([l]) => l));
      for (const [k, [, re]] of expected.entries()) expect(r.rejects[k]?.reason).toMatch(re);
      expect(r.rows).toBe(lines.length - expected.length);
    });
  }

  it('addresses are validated: 999.1.1.1, <script>, {"a":1}, zones and leading zeros are rejects', async () => {
    const bad = ['999.1.1.1', '<script>', '{"a":1}', 'fe80::1%eth0', '010.0.0.1', '1.2.3', '(empty)', ':::'];
    const good = ['0.0.0.0', '255.255.255.255', '2001:db8::1', '::ffff:192.0.2.1', '::', 'FE80::A'];
    const lines = [
      ...bad.map((a, i) => row('ab', i, { 'id.resp_h': a })),
      ...good.map((a, i) => row('ag', bad.length + i, { 'id.orig_h': a })),
    ];
    const r = await ingestWithBothEngines(stores, write('conn-addr.log', tsv(lines)));
    expect(r.rows).toBe(good.length);
    expect(r.rejects.map((x) => x.line)).toEqual(bad.map((_, i) => lineOf(i)));
    expect(r.rejects[0]?.reason).toBe('field id.resp_h: "999.1.1.1" is not an IP address');
    expect(r.rejects[2]?.reason).toBe('field id.resp_h: "{\\"a\\":1}" is not an IP address');
  });

  it('a nested "id" object with spaces around the colon is read, never a row with NULL addresses', async () => {
    const id = '{"orig_h":"10.0.0.1","orig_p":1,"resp_h":"10.0.0.2","resp_p":80}';
    const file = write(
      'weird-nested.log',
      [
        `{"_path":"weird","ts":1700000000.0,"uid":"W1","id" : ${id},"name":"x"}`,
        `{"_path":"weird","ts":1700000001.0,"uid":"W2","id":\t${id},"name":"y"}`,
        '',
      ].join('\n'),
    );
    const r = await ingestWithBothEngines(stores, file);
    expect(r.rows).toBe(2);
    for (const e of engines) {
      const rows = await stores[e].store.query('SELECT orig_h, resp_h FROM weird WHERE source_file = ?', [
        file,
      ]);
      expect(rows, e).toEqual([
        { orig_h: '10.0.0.1', resp_h: '10.0.0.2' },
        { orig_h: '10.0.0.1', resp_h: '10.0.0.2' },
      ]);
    }
  });

  it('Zeek JSON: bad addresses, infinite durations and impossible ISO dates are rejects', async () => {
    const rec = (uid: string, more: Record<string, unknown>) =>
      JSON.stringify({
        _path: 'conn',
        ts: 1700000000.5,
        uid,
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 1,
        'id.resp_h': '10.0.0.2',
        'id.resp_p': 80,
        duration: 2,
        ...more,
      });
    const file = write(
      'conn-json.log',
      [
        rec('J1', {}),
        rec('J2', { 'id.resp_h': '<script>' }),
        rec('J3', { 'id.resp_h': ['10.0.0.2'] }),
        rec('J4', { ts: '2016-02-30T00:00:00Z' }),
        rec('J5', { ts: '2016-02-29T00:00:00Z' }),
        `${rec('J6', {}).slice(0, -1)},"duration":1e400}`,
        rec('J7', { duration: 'NaN' }),
        '',
      ].join('\n'),
    );
    const r = await ingestWithBothEngines(stores, file);
    expect(r.rows).toBe(2);
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [2, 'field id.resp_h: "<script>" is not an IP address'],
      [3, 'field id.resp_h: "[\\"10.0.0.2\\"]" is not an IP address'],
      [4, 'field ts: "2016-02-30T00:00:00Z" is not a valid timestamp'],
      [6, 'field duration: Infinity is infinite'],
      [7, 'field duration: "NaN" is not a number'],
    ]);
  });

  it('EVE: an impossible timestamp (2016-02-30) is a reject, not March 1', async () => {
    const ev = (ts: string, src: string) =>
      JSON.stringify({
        timestamp: ts,
        flow_id: 1,
        event_type: 'flow',
        src_ip: src,
        src_port: 1,
        dest_ip: '10.0.0.2',
        dest_port: 80,
        proto: 'TCP',
        flow: {
          start: ts,
          end: ts,
          bytes_toserver: 1,
          bytes_toclient: 2,
          pkts_toserver: 1,
          pkts_toclient: 1,
        },
      });
    const file = write(
      'eve.json',
      [
        ev('2016-02-30T10:00:00.000000+0000', '10.0.0.1'),
        ev('2016-02-29T10:00:00.000000+0000', '10.0.0.1'),
        ev('2016-02-29T10:00:00.000000+0000', '999.1.1.1'),
        '',
      ].join('\n'),
    );
    const r = await ingestWithBothEngines(stores, file);
    expect(r.rows).toBe(1);
    expect(r.rejects.map((x) => x.line)).toEqual([1, 3]);
    expect(r.rejects[0]?.reason).toMatch(/2016-02-30T10:00:00.000000\+0000" is not a valid timestamp/);
    expect(r.rejects[1]?.reason).toMatch(/"999\.1\.1\.1" is not an IP address/);
  });
});

describe('value rules', () => {
  it('impossible dates: 2016-02-30, 2015-02-29, month 13 and day 0 are not dates; leap days are', () => {
    expect(
      ['2016-02-30', '2015-02-29', '2016-13-01', '2016-04-31', '2016-01-00', '1900-02-29'].map(isRealDate),
    ).toEqual([false, false, false, false, false, false]);
    expect(['2016-02-29', '2000-02-29', '0004-02-29', '2016-12-31'].map(isRealDate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('the address pattern agrees with ipaddr.js on plain dotted-quad IPv4 and zone-free IPv6', () => {
    const samples = [
      '1.2.3.4',
      '255.255.255.255',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3',
      '1.2.3.4.5',
      '::',
      '::1',
      '1::',
      '2001:db8::8a2e:370:7334',
      '2001:0db8:0000:0000:0000:ff00:0042:8329',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '::ffff:1.2.3.4',
      '64:ff9b::192.0.2.33',
      '1:2:3:4:5:6:1.2.3.4',
      '12345::',
      'g::1',
      '',
      ' 1.2.3.4',
    ];
    for (const s of samples) {
      const v4 = ipaddr.IPv4.isValidFourPartDecimal(s) && !/(^|\.)0\d/.test(s);
      const v6 = ipaddr.IPv6.isValid(s) && !s.includes('%');
      expect(isAddress(s), s).toBe(v4 || v6);
    }
  });
});
