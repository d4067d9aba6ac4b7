import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../src/ingest/ingest-file.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { newLineReaderResult, readLineBlocks } from '../../src/ingest/line-reader.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import {
  type Engine,
  engines,
  openEngineStores,
  rejectsOf,
  rowsFromFile,
  type TempStore,
} from './ingest-helpers.js';

// Properties of the readers over generated hostile files (issue 12): no exception escapes, every
// line is a row, a reject or a counted skip, and a reader's buffers stay within the line limit.
const maxLineBytes = 2048;
const header = zeekHeaderLines(
  'conn',
  ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'history'],
  ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string'],
);
type Format = 'tsv' | 'json' | 'eve';
type Piece = 'record' | 'blank' | 'comment' | 'garbage' | 'deep' | 'long';
/** What the reader must make of a line. */
const outcomeOf: Record<Piece, 'row' | 'reject' | 'skip'> = {
  record: 'row',
  blank: 'skip',
  comment: 'skip',
  garbage: 'reject',
  deep: 'reject',
  long: 'reject',
};

let serial = 0;
function record(format: Format, note: string): string {
  serial += 1;
  const port = serial % 60000;
  if (format === 'tsv')
    return `${1700000000 + serial}.000000\tP${serial}\t10.0.0.1\t${port}\t192.0.2.7\t80\ttcp\t${note || 'S'}`;
  if (format === 'json')
    return JSON.stringify({
      _path: 'conn',
      ts: 1700000000 + serial,
      uid: `P${serial}`,
      'id.orig_h': '10.0.0.1',
      'id.orig_p': port,
      'id.resp_h': '192.0.2.7',
      'id.resp_p': 80,
      history: note,
    });
  return JSON.stringify({
    timestamp: `2024-01-01T00:00:00.${String(serial).padStart(6, '0')}+0000`,
    event_type: 'flow',
    flow_id: serial,
    src_ip: '10.0.0.1',
    src_port: port,
    dest_ip: '192.0.2.7',
    dest_port: 80,
    proto: 'TCP',
    app_proto: note,
  });
}

/** Text that is no record in any format: never JSON, never enough TSV fields, no newline or `#` start. */
const garbage = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
  .map((s) => `~${s.replace(/[\n\r]/g, ' ')}`);
const piece = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant<Piece>('record'), text: fc.string({ maxLength: 40 }) }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant<Piece>('blank'), text: fc.constant('') }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant<Piece>('comment'), text: fc.string({ maxLength: 40 }) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant<Piece>('garbage'), text: garbage }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant<Piece>('deep'),
      text: fc.integer({ min: 65, max: 3000 }).map(String),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant<Piece>('long'),
      text: fc.integer({ min: maxLineBytes + 1, max: 20000 }).map(String),
    }),
    weight: 1,
  },
);

/** The file's lines for a format; `deep` and `long` pieces carry their size in `text`. */
function render(format: Format, pieces: readonly { kind: Piece; text: string }[]): string[] {
  const make: Record<Piece, (text: string) => string> = {
    // Record values are plain text: a tab, `"` or backslash would change what they mean.
    record: (text) => record(format, text.replace(/[^A-Za-z0-9 .:_-]/g, '')),
    blank: () => '',
    comment: (text) => `#note ${text.replace(/[\n\r]/g, ' ')}`,
    garbage: (text) => text,
    deep: (text) => {
      const n = Number(text);
      if (format === 'tsv') return '['.repeat(n);
      // Arrays reach the native JSON reader; objects only the line-by-line one.
      const deep = n % 2 === 0 ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
      return `${record('json', '').slice(0, -1)},"x":${deep}}`;
    },
    long: (text) => (format === 'tsv' ? 'x'.repeat(Number(text)) : `{"x":"${'y'.repeat(Number(text))}"}`),
  };
  return pieces.map(({ kind, text }) => make[kind](text));
}

describe('reader properties', () => {
  let stores: Record<Engine, TempStore>;
  let n = 0;
  beforeAll(async () => {
    stores = await openEngineStores('readers-prop');
  });
  afterAll(async () => {
    for (const e of engines) await stores[e].close();
  });
  const ingest = async (engine: Engine, name: string, data: Buffer) => {
    const s = stores[engine];
    n += 1;
    const file = path.join(s.dir, `${n}-${name}`);
    writeFileSync(file, data);
    const summary = await ingestPaths([file], {
      store: s.store,
      sensor: 's',
      tmpDir: path.join(s.dir, 'tmp'),
      engine,
      maxLineBytes,
    });
    const outcome = summary.outcomes[0] as FileOutcome;
    return { outcome, rows: await rowsFromFile(s.store, file), rejects: await rejectsOf(s.store, file) };
  };

  it('every line of a Zeek TSV, Zeek JSON or EVE file is a row, a reject or a counted skip, in both engines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Format>('tsv', 'json', 'eve'),
        fc.constantFrom<Engine>(...engines),
        fc.boolean(),
        fc.array(piece, { minLength: 1, maxLength: 25 }),
        async (format, engine, gzip, pieces) => {
          // A file must start with a record to be recognised at all (sniffing is not under test).
          const all = [{ kind: 'record' as Piece, text: '' }, ...pieces];
          const body = render(format, all);
          const head = format === 'tsv' ? header : [];
          const text = `${[...head, ...body].join('\n')}\n`;
          const name = format === 'tsv' ? 'conn.log' : format === 'json' ? 'conn.json' : 'eve.json';
          const r = await ingest(
            engine,
            gzip ? `${name}.gz` : name,
            gzip ? gzipSync(text) : Buffer.from(text),
          );
          const expected = { row: 0, reject: 0, skip: head.length };
          const rejectLines: number[] = [];
          all.forEach((p, i) => {
            const o = outcomeOf[p.kind];
            expected[o] += 1;
            if (o === 'reject') rejectLines.push(head.length + i + 1);
          });
          expect(r.outcome.status, r.outcome.message).toBe('ingested');
          expect(r.rows).toBe(expected.row);
          expect(r.rejects.map((x) => x.line)).toEqual(rejectLines);
          expect(r.rows + r.rejects.length + expected.skip).toBe(head.length + all.length);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it('a cut or damaged gzip never throws, and keeps every complete line before a cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Format>('tsv', 'json', 'eve'),
        fc.constantFrom<Engine>(...engines),
        fc.array(piece, { minLength: 5, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        async (format, engine, pieces, where, flip) => {
          const all = [{ kind: 'record' as Piece, text: '' }, ...pieces];
          const head = format === 'tsv' ? header : [];
          const text = `${[...head, ...render(format, all)].join('\n')}\n`;
          const gz = gzipSync(text);
          const at = Math.min(gz.length - 1, 12 + Math.floor(where * (gz.length - 12)));
          let data: Buffer;
          if (flip) {
            data = Buffer.from(gz);
            data[at] = (data[at] as number) ^ 0x55;
          } else {
            data = gz.subarray(0, at);
          }
          const name = format === 'tsv' ? 'conn.log.gz' : format === 'json' ? 'conn.json.gz' : 'eve.json.gz';
          const r = await ingest(engine, name, data);
          if (r.outcome.status === 'failed') expect(r.rows).toBe(0);
          // A flipped bit can make the inflater copy other text: only "no exception" holds then.
          if (flip) return;
          expect(r.rows + r.rejects.length).toBeLessThanOrEqual(head.length + all.length + 2);
          // zlib's own reading of the cut stream: its complete lines are what must be kept.
          const prefix = gunzipSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
          const complete = prefix.slice(0, prefix.lastIndexOf('\n') + 1).split('\n').length - 1;
          const kept = all.slice(0, Math.max(0, complete - head.length));
          if (complete <= head.length) return;
          expect(r.rows).toBe(kept.filter((p) => p.kind === 'record').length);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it('a reader never carries more than the line limit, however long and however split the lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 40 * maxLineBytes }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        async (lengths, gzip) => {
          const text = Buffer.from(lengths.map((len) => `${'z'.repeat(len)}\n`).join(''));
          n += 1;
          const file = path.join(stores.js.dir, `carry-${n}${gzip ? '.gz' : ''}`);
          writeFileSync(file, gzip ? gzipSync(text) : text);
          const result = newLineReaderResult();
          let yielded = 0;
          for await (const b of readLineBlocks({ path: file, gzip, maxLineBytes }, result))
            yielded += b.lines;
          expect(result.maxCarryBytes).toBeLessThanOrEqual(maxLineBytes);
          expect(yielded + result.rejects.length).toBe(lengths.length);
          expect(result.rejects.length).toBe(lengths.filter((len) => len > maxLineBytes).length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
