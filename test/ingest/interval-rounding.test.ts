import { describe, expect, it } from 'vitest';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { roundMicros } from '../../src/zeek/zeek-values.js';
import { engines, ingestWithBothEngines, useEngineStores } from './ingest-helpers.js';

// Issue 13.7: intervals are stored to the microsecond and their range is checked on that stored
// value, so one record gives the same row (or the same reject) from Zeek TSV and Zeek JSON, in
// both engines. Zeek's JSON writer gives the full double; its TSV writer prints six decimals.

/** [JSON double, the TSV text Zeek writes for it, stored seconds or null for a reject]. */
const cases: [number, string, number | null][] = [
  [-2.470333e-318, '-0.000000', 0],
  [-3e-7, '-0.000000', 0],
  [4e-7, '0.000000', 0],
  [1.2345674, '1.234567', 1.234567],
  [1_000_000_000.0000004, '1000000000.000000', 1e9],
  [-0.000001, '-0.000001', null],
];
// TSV written with more digits than Zeek's six is read as the JSON double is.
const longTsv: [string, number | null][] = [
  ['-0.0000003', 0],
  ['0.0000004', 0],
  ['-0.0000006', null],
];

// JSON uids differ from the TSV's: the same record twice in one store is a duplicate, not a row.
const base = (i: number) => ({
  ts: 1700000000 + i,
  uid: `J${i}`,
  'id.orig_h': '10.0.0.1',
  'id.orig_p': 5353,
  'id.resp_h': '192.0.2.53',
  'id.resp_p': 53,
  proto: 'udp',
});
const fields = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];
const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum'];

function tsvOf(log: string, field: string, extra: [string, string] | null, texts: string[]): string {
  const head = zeekHeaderLines(
    log,
    [...fields, field, ...(extra ? [extra[0]] : [])],
    [...types, 'interval', ...(extra ? ['vector[interval]'] : [])],
  );
  const lines = texts.map((t, i) =>
    [
      `${1700000000 + i}.000000`,
      `C${i}`,
      '10.0.0.1',
      '5353',
      '192.0.2.53',
      '53',
      'udp',
      t,
      ...(extra ? [`${t},${extra[1]}`] : []),
    ].join('\t'),
  );
  return `${[...head, ...lines].join('\n')}\n`;
}

function jsonOf(log: string, field: string, list: string | null, values: number[]): string {
  return `${values
    .map((v, i) =>
      JSON.stringify({ _path: log, ...base(i), [field]: v, ...(list ? { [list]: [v, 2.0000004] } : {}) }),
    )
    .join('\n')}\n`;
}

// Object.is tells -0 from 0 (toEqual alone may not): both formats must store 0.
const minusZero = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(minusZero) : Object.is(v, -0) ? '-0' : v;

describe('13.7: intervals from TSV and JSON (both engines)', () => {
  const { stores, write } = useEngineStores('interval-rounding');

  /** Stored values (uid order) and reject lines of one file, the same in both engines. */
  async function ingested(file: string, sql: string) {
    const r = await ingestWithBothEngines(stores, file);
    const rows = {} as Record<string, unknown[]>;
    for (const e of engines) {
      const out = await stores[e].store.query(sql, [file]);
      rows[e] = out.map((o) => Object.values(o).map(minusZero));
    }
    expect(rows['js']).toEqual(rows['native']);
    return { rows: rows['native'], rejects: r.rejects.map((x) => x.reason) };
  }

  it('13.7: a subnormal rtt is treated the same from TSV and JSON', async () => {
    const sql = 'SELECT uid, rtt, ttls FROM dns WHERE source_file = ? ORDER BY uid';
    const tsv = await ingested(
      write(
        'dns-rtt.log',
        tsvOf(
          'dns',
          'rtt',
          ['TTLs', '2.000000'],
          cases.map(([, t]) => t),
        ),
      ),
      sql,
    );
    const json = await ingested(
      write(
        'dns-rtt.json',
        jsonOf(
          'dns',
          'rtt',
          'TTLs',
          cases.map(([v]) => v),
        ),
      ),
      sql,
    );
    const kept = (p: string) => cases.flatMap(([, , s], i) => (s === null ? [] : [[`${p}${i}`, s, [s, 2]]]));
    expect(tsv.rows).toEqual(kept('C'));
    expect(json.rows).toEqual(kept('J'));
    expect(tsv.rejects).toEqual(['field rtt: "-0.000001" is negative']);
    expect(json.rejects).toEqual(['field rtt: -0.000001 is negative']);
  });

  it('13.7: conn duration and TSV with more than six decimals read as the JSON double', async () => {
    const sql = 'SELECT uid, duration FROM conn WHERE source_file = ? ORDER BY uid';
    const json = await ingested(
      write(
        'conn-dur.json',
        jsonOf(
          'conn',
          'duration',
          null,
          cases.map(([v]) => v),
        ),
      ),
      sql,
    );
    expect(json.rows).toEqual(cases.flatMap(([, , s], i) => (s === null ? [] : [[`J${i}`, s]])));
    const tsv = await ingested(
      write(
        'conn-dur.log',
        tsvOf(
          'conn',
          'duration',
          null,
          longTsv.map(([t]) => t),
        ),
      ),
      sql,
    );
    expect(tsv.rows).toEqual(longTsv.flatMap(([, s], i) => (s === null ? [] : [[`C${i}`, s]])));
    expect(tsv.rejects).toEqual(['field duration: "-0.0000006" is negative']);
  });
});

describe('13.7: roundMicros', () => {
  it('13.7: gives 0, never -0, below half a microsecond, and leaves values too large to scale', () => {
    expect(Object.is(roundMicros(-2.470333e-318), 0)).toBe(true);
    expect(Object.is(roundMicros(-4.9e-7), 0)).toBe(true);
    expect(roundMicros(-5e-7)).toBe(-0.000001);
    // Scaling 1e308 by 1e6 overflows: kept (as DuckDB's round), so it is "exceeds", not "infinite".
    expect(roundMicros(1e308)).toBe(1e308);
  });
});
