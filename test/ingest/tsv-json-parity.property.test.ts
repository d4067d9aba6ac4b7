import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed6, zeekEscape } from '../../src/sim/log/zeek-values.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { telemetryTableNames } from '../../src/store/schema/tables.js';
import { openTempStore, type TempStore } from './ingest-helpers.js';

// Random records with hostile strings, written as Zeek writes the same run in TSV (with its
// escaping) and in JSON: the TSV (through either engine) and the JSON must give identical rows.

/** Text that trips naive decoders: escapes written literally, markers, separators, controls. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom('\\', '\\\\', '\\x0d', '\\x41', '\\x', '\\xZZ', '-', '(empty)', ',', '\t', '\n', '\r'),
      fc.constantFrom('"', "'", '\u0000', '\u007f', '\u00e9', '\u2019', '\u{1f600}', '..\\..\\boot.ini'),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

/** A value that may be unset (null) or empty (''). */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 4 });

const micros = fc.integer({ min: 0, max: 10 ** 9 });
// A set element may not be '': Zeek writes it as (empty), which reads back as an empty set.
const setItems = fc.array(
  hostile.filter((s) => s !== ''),
  { maxLength: 3 },
);

const record = fc.record({
  ts: fc.integer({ min: 1_500_000_000_000_000, max: 1_800_000_000_000_000 }),
  query: maybe(hostile),
  transId: fc.integer({ min: 0, max: 65535 }),
  rtt: maybe(fc.tuple(micros, fc.double({ min: -0.4, max: 0.4, noNaN: true }))),
  aa: fc.boolean(),
  answers: maybe(setItems),
  ttls: maybe(fc.array(micros, { maxLength: 3 })),
  // Fields without a column: kept in `extra`, typed as Zeek's JSON writer types them.
  note: maybe(hostile),
  hits: maybe(fc.integer({ min: 0, max: 2 ** 32 })),
  flag: maybe(fc.boolean()),
  tags: maybe(setItems),
  wait: maybe(micros),
  seen: maybe(fc.integer({ min: 1_500_000_000_000_000, max: 1_800_000_000_000_000 })),
});
type Rec = typeof record extends fc.Arbitrary<infer R> ? R : never;

const fields = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'trans_id',
  'rtt',
  'query',
  'AA',
  'answers',
  'TTLs',
  'note',
  'hits',
  'flag',
  'tags',
  'wait',
  'seen',
];
const types = [
  'time',
  'string',
  'addr',
  'port',
  'addr',
  'port',
  'enum',
  'count',
  'interval',
  'string',
  'bool',
  'vector[string]',
  'vector[interval]',
  'string',
  'count',
  'bool',
  'set[string]',
  'interval',
  'time',
];

const secs = (us: number) => fixed6(us / 1e6);
const str = (s: string | null) => (s === null ? '-' : s === '' ? '(empty)' : zeekEscape(s));
const list = (xs: readonly string[] | null, item: (x: string) => string) =>
  xs === null ? '-' : xs.length === 0 ? '(empty)' : xs.map(item).join(',');

// Six decimals print a negative below half a microsecond (even a subnormal one) as -0.000000; both
// formats store it as 0 (13.7).
const rttText = (rtt: Rec['rtt']) =>
  rtt === null ? '-' : rtt[0] === 0 && rtt[1] < 0 ? '-0.000000' : secs(rtt[0]);

function tsvLine(r: Rec, i: string): string {
  return [
    secs(r.ts),
    `C${i}`,
    '10.0.0.1',
    '5353',
    '192.0.2.53',
    '53',
    'udp',
    String(r.transId),
    rttText(r.rtt),
    str(r.query),
    r.aa ? 'T' : 'F',
    list(r.answers, (a) => zeekEscape(a, true)),
    list(r.ttls?.map(String) ?? null, (t) => secs(Number(t))),
    str(r.note),
    r.hits === null ? '-' : String(r.hits),
    r.flag === null ? '-' : r.flag ? 'T' : 'F',
    list(r.tags, (t) => zeekEscape(t, true)),
    r.wait === null ? '-' : secs(r.wait),
    r.seen === null ? '-' : secs(r.seen),
  ].join('\t');
}

// Zeek's JSON writer: unset fields left out, times as epoch seconds, intervals as full doubles.
function jsonLine(r: Rec, i: string): string {
  const o: Record<string, unknown> = {
    ts: Number(secs(r.ts)),
    uid: `C${i}`,
    'id.orig_h': '10.0.0.1',
    'id.orig_p': 5353,
    'id.resp_h': '192.0.2.53',
    'id.resp_p': 53,
    proto: 'udp',
    trans_id: r.transId,
  };
  if (r.rtt !== null) o['rtt'] = (r.rtt[0] + r.rtt[1]) / 1e6;
  if (r.query !== null) o['query'] = r.query;
  o['AA'] = r.aa;
  if (r.answers !== null) o['answers'] = r.answers;
  if (r.ttls !== null) o['TTLs'] = r.ttls.map((t) => t / 1e6);
  if (r.note !== null) o['note'] = r.note;
  if (r.hits !== null) o['hits'] = r.hits;
  if (r.flag !== null) o['flag'] = r.flag;
  if (r.tags !== null) o['tags'] = r.tags;
  if (r.wait !== null) o['wait'] = r.wait / 1e6;
  if (r.seen !== null) o['seen'] = Number(secs(r.seen));
  return JSON.stringify(o);
}

function sortedKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every row a run left in a store, bookkeeping left out, as sorted canonical text. */
async function rowsOf(s: TempStore, runDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const table of telemetryTableNames) {
    const rows = await s.store.query(
      `SELECT * EXCLUDE (engine, sensor, source_file, batch_id) FROM "${table}" WHERE starts_with(source_file, ?)`,
      [runDir],
    );
    for (const r of rows) {
      // Key order in `extra` is not meaningful (the JSON reader lists keys in its own order).
      if (typeof r['extra'] === 'string') r['extra'] = sortedKeys(JSON.parse(r['extra']));
      out.push(`${table} ${JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    }
  }
  return out.sort();
}

describe('Zeek TSV and Zeek JSON of the same records give identical stores (property)', () => {
  const stores = {} as Record<'native' | 'js' | 'json', TempStore>;
  beforeAll(async () => {
    stores.native = await openTempStore('prop-native', 'native');
    stores.js = await openTempStore('prop-js', 'js');
    stores.json = await openTempStore('prop-json');
  });
  afterAll(async () => {
    for (const s of Object.values(stores)) await s.close();
  });

  it('holds for hostile strings, unset and empty values, sets and typed extras', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 12 }), async (recs) => {
        // Unique uids per run: the ledger skips bytes it has already stored under another name.
        run += 1;
        const dir = path.join(stores.json.dir, `run-${run}`);
        mkdirSync(dir, { recursive: true });
        const tsv = path.join(dir, 'dns.log');
        const json = path.join(dir, 'dns.json');
        writeFileSync(
          tsv,
          `${[...zeekHeaderLines('dns', fields, types), ...recs.map((r, i) => tsvLine(r, `${run}x${i}`))].join('\n')}\n`,
        );
        writeFileSync(json, `${recs.map((r, i) => jsonLine(r, `${run}x${i}`)).join('\n')}\n`);
        for (const s of [stores.native, stores.js]) await s.ingest([tsv]);
        await stores.json.ingest([json]);
        const [n, j, o] = [
          await rowsOf(stores.native, dir),
          await rowsOf(stores.js, dir),
          await rowsOf(stores.json, dir),
        ];
        expect(n).toHaveLength(recs.length);
        expect(j).toEqual(n);
        expect(o).toEqual(n);
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
