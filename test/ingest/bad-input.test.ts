import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { engines, ingestWithBothEngines, openTempStore, useEngineStores } from './ingest-helpers.js';

// Generated bad inputs: each case runs under both engines, which must agree (see ingestWithBothEngines).
const fields = [
  ...['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration'],
  ...['orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history'],
  ...['orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents'],
];
const types = [
  ...['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval', 'count', 'count'],
  ...['string', 'bool', 'bool', 'count', 'string', 'count', 'count', 'count', 'count', 'set[string]'],
];
const header = zeekHeaderLines('conn', fields, types);
/** Line number of data row `i` (0-based) in a generated TSV. */
const lineOf = (i: number) => header.length + 1 + i;
/** One valid conn row; `tag` keeps generated files distinct (the ledger skips identical content). */
const connRow = (tag: string, i: number): string[] =>
  [
    `${1713484800 + i}.123456`,
    `C${tag}${i}`,
    '10.0.0.1',
    `${40000 + i}`,
    '192.0.2.7',
    '443',
    'tcp',
    'ssl',
  ].concat(['1.5', '100', '2000', 'SF', 'T', 'F', '0', 'ShADadFf', '10', '620', '8', '2400', '(empty)']);
const tsv = (rows: (string[] | Buffer)[]) =>
  Buffer.concat([
    Buffer.from(`${header.join('\n')}\n`),
    ...rows.map((r) =>
      Buffer.concat([Buffer.isBuffer(r) ? r : Buffer.from(r.join('\t')), Buffer.from('\n')]),
    ),
  ]);
/** A copy of `row` with one field replaced. */
const withField = (row: string[], field: string, value: string) =>
  row.map((v, i) => (i === fields.indexOf(field) ? value : v));
const rowsWith = (tag: string, n: number, edit: (row: string[], i: number) => string[] | Buffer = (r) => r) =>
  Array.from({ length: n }, (_, i) => edit(connRow(tag, i), i));

describe('bad input', () => {
  const { stores, dir, write } = useEngineStores('bad');
  const ingestBoth = (file: string, strict = false) => ingestWithBothEngines(stores, file, strict);

  it('wrong field counts: the line is rejected, the others kept', async () => {
    const file = write(
      'conn-fields.log',
      tsv(rowsWith('f', 10, (r, i) => (i === 3 ? r.slice(1) : i === 6 ? [...r, 'x'] : r))),
    );
    const r = await ingestBoth(file);
    expect(r.outcome.status).toBe('ingested');
    expect(r.rows).toBe(8);
    expect(r.rejects.map((x) => x.line)).toEqual([lineOf(3), lineOf(6)]);
    expect(r.rejects[0]?.reason).toMatch(/expected 21 fields, found 20/);
    expect(r.rejects[1]?.reason).toMatch(/expected 21 fields, found 22/);
    expect(r.rejects[0]?.raw).toContain('Cf3');
  });

  it('bad numbers: the reason names the field', async () => {
    const bad = (r: string[], i: number) => {
      if (i === 2) r[fields.indexOf('orig_bytes')] = 'abc';
      if (i === 5) r[fields.indexOf('id.resp_p')] = '99999';
      if (i === 7) r[fields.indexOf('duration')] = '1.5x';
      return r;
    };
    const r = await ingestBoth(write('conn-numbers.log', tsv(rowsWith('n', 10, bad))));
    expect(r.rows).toBe(7);
    expect(r.rejects.map((x) => x.line)).toEqual([lineOf(2), lineOf(5), lineOf(7)]);
    expect(r.rejects.map((x) => x.reason.match(/orig_bytes|id\.resp_p|duration/)?.[0])).toEqual([
      'orig_bytes',
      'id.resp_p',
      'duration',
    ]);
  });

  it('non-UTF-8 bytes: the line is rejected', async () => {
    // Row 4 carries the bytes ff fe (not UTF-8) in its history field.
    const bytes = (r: string[]) =>
      Buffer.from(withField(r, 'history', '\u0000').join('\t').replace('\u0000', '\xff\xfe'), 'latin1');
    const rows = rowsWith('u', 10, (r, i) => (i === 4 ? bytes(r) : r));
    const r = await ingestBoth(write('conn-utf8.log', tsv(rows)));
    expect(r.rows).toBe(9);
    expect(r.rejects.map((x) => x.line)).toEqual([lineOf(4)]);
    expect(r.rejects[0]?.reason).toMatch(/UTF-8/);
  });

  it('a line over 1 MiB is rejected, the others kept', async () => {
    const long = (r: string[], i: number) =>
      i === 5 ? withField(r, 'service', 'x'.repeat(1024 * 1024 + 10)) : r;
    const r = await ingestBoth(write('conn-long.log', tsv(rowsWith('l', 10, long))));
    expect(r.rows).toBe(9);
    expect(r.rejects.map((x) => x.line)).toEqual([lineOf(5)]);
    expect(r.rejects[0]?.reason).toMatch(/over the \d+-byte limit/);
  });

  it('a truncated gzip keeps the rows before the cut', async () => {
    const full = gzipSync(tsv(rowsWith('g', 3000)));
    const file = write('conn-cut.log.gz', full.subarray(0, Math.floor(full.length / 2)));
    const r = await ingestBoth(file);
    expect(r.outcome.status).toBe('ingested');
    expect(r.rows).toBeGreaterThan(100);
    expect(r.rows).toBeLessThan(3000);
    expect(r.rejects.some((x) => /truncated|corrupt/.test(x.reason))).toBe(true);
    // The rows kept are exactly the first ones of the file.
    const uids = await stores.native.store.query('SELECT uid FROM conn WHERE source_file = ?', [file]);
    expect(new Set(uids.map((u) => u['uid']))).toEqual(
      new Set(rowsWith('g', r.rows).map((x) => (x as string[])[1])),
    );
    expect(r.rejects[0]?.line).toBe(lineOf(r.rows));
  });

  it('a JSON log with one truncated line keeps the other lines', async () => {
    const lines = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({
        ts: 1713484800 + i,
        uid: `Cj${i}`,
        'id.orig_h': '10.0.0.1',
        'id.orig_p': 1,
        'id.resp_h': '192.0.2.1',
        'id.resp_p': 53,
        proto: 'udp',
      }),
    );
    lines[4] = (lines[4] as string).slice(0, 40);
    const r = await ingestBoth(write('conn-json.log', `${lines.join('\n')}\n`));
    expect(r.rows).toBe(9);
    expect(r.rejects.map((x) => x.line)).toEqual([5]);
    expect(r.rejects[0]?.reason).toMatch(/JSON/);
  });

  it("binary garbage fails as 'not telemetry' when named, and is skipped in a walk", async () => {
    let seed = 42;
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    bytes[0] = 0x00;
    bytes[1] = 0xff;
    mkdirSync(path.join(dir(), 'junk'));
    const file = write('junk/garbage.bin', bytes);
    const r = await ingestBoth(file);
    expect(r.outcome.status).toBe('failed');
    expect(r.outcome.message).toContain('not telemetry');
    expect(r.outcome.message).toContain(file);
    for (const e of engines) {
      const walk = await stores[e].ingest([path.dirname(file)]);
      expect(walk.outcomes.map((o) => o.status)).toEqual(['skipped']);
    }
  });

  it("an empty file is 'empty'", async () => {
    const r = await ingestBoth(write('empty.log', ''));
    expect(r.outcome.status).toBe('empty');
    expect(r.rows).toBe(0);
  });

  it('strict: the file fails at its first bad line and none of its rows are kept', async () => {
    const file = write(
      'conn-strict.log',
      tsv(rowsWith('s', 10, (r, i) => (i === 3 || i === 8 ? r.slice(2) : r))),
    );
    const r = await ingestBoth(file, true);
    expect(r.outcome.status).toBe('failed');
    expect(r.outcome.message).toContain(`${file}:${lineOf(3)}`);
    expect(r.rows).toBe(0);
    // Nothing was recorded either: a lenient run reads the whole file.
    const again = await ingestBoth(file);
    expect(again.outcome.status).toBe('ingested');
    expect(again.rows).toBe(8);
    expect(again.rejects.map((x) => x.line)).toEqual([lineOf(3), lineOf(8)]);
  });

  // Regression: the native engine once wrote the decoded values of a row with `\xHH` escapes over
  // another row (Ce0 became a copy of Ce1) because transaction-local rowids (≥ 2^55) lost precision
  // as JS numbers.
  it('Zeek \\x escapes are decoded in their own row by both engines', async () => {
    const file = write(
      'conn-escape.log',
      tsv(rowsWith('e', 3, (r, i) => (i === 1 ? withField(r, 'service', 'a\\x41b') : r))),
    );
    await ingestBoth(file);
    for (const e of engines) {
      const rows = await stores[e].store.query(
        'SELECT uid, service FROM conn WHERE source_file = ? ORDER BY ts',
        [file],
      );
      expect(rows, e).toEqual([
        { uid: 'Ce0', service: 'ssl' },
        { uid: 'Ce1', service: 'aAb' },
        { uid: 'Ce2', service: 'ssl' },
      ]);
    }
  });

  // Regression: the native engine once closed its temp file descriptor twice, so a second
  // ingest in the same process could lose one of its open files.
  it('two native ingests at once in one process', async () => {
    const src = path.join(dir(), 'parallel');
    mkdirSync(src);
    for (let f = 0; f < 40; f++) write(`parallel/conn.${f}.log.gz`, gzipSync(tsv(rowsWith(`p${f}x`, 500))));
    const [a, b] = [await openTempStore('par-a', 'native'), await openTempStore('par-b', 'native')];
    try {
      const [sa, sb] = await Promise.all([a.ingest([src]), b.ingest([src])]);
      expect(sa.rowsByTable).toEqual({ conn: 20_000 });
      expect(sb.rowsByTable).toEqual({ conn: 20_000 });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
