import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { simulatorLayouts } from '../sim/log/zeek-layouts.js';
import { zeekHeaderLines } from '../sim/zeek-writer.js';
import { DuckDBStore } from '../store/duckdb/duckdb-store.js';
import { ingestPaths } from './ingest-paths.js';
import { newLineReaderResult, readLineBlocks } from './line-reader.js';
import { mapEveEvent } from './suricata/eve-mapper.js';
import { applyHeaderLine, newHeaderDraft } from './zeek/zeek-header.js';
import { unwrapZeekJson } from './zeek/zeek-json-layout.js';
import { convertZeekJson } from './zeek/zeek-json-plan.js';
import { targetForLogType } from './zeek/zeek-log-types.js';
import { convertTsvFields, FieldError, planTsvRows } from './zeek/zeek-row-plan.js';

const root = mkdtempSync(join(tmpdir(), 'mamori-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const file = (data: Buffer | string) => {
  const p = join(root, `f${++n}`);
  writeFileSync(p, data);
  return p;
};

const connPlan = planTsvRows(targetForLogType('conn'), {
  ...simulatorLayouts.conn,
  unsetField: '-',
  emptyField: '(empty)',
  setSeparator: ',',
});

describe('parser fuzzing', () => {
  it('TSV records: any fields convert or are rejected with a reason, never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 30 }), (fields) => {
        const r = convertTsvFields(connPlan, fields);
        if (!Array.isArray(r)) expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('Zeek JSON and EVE records: any JSON object maps or is rejected, never throws', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.constantFrom('flow', 'dns', 'http', 'tls', 'alert', 'fileinfo', 'anomaly', 'stats'),
        (obj, type) => {
          convertZeekJson(targetForLogType('conn'), obj);
          convertZeekJson(targetForLogType('dns'), obj);
          mapEveEvent({ ...obj, event_type: type });
          mapEveEvent(obj);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('header lines: any text is applied or refused with a message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (rest) => {
        const d = newHeaderDraft();
        for (const key of ['#separator ', '#set_separator\t', '#fields\t', '#types\t', '#path\t', '#']) {
          try {
            applyHeaderLine(d, key + rest);
          } catch (err) {
            expect((err as Error).message).toMatch(/separator/);
          }
        }
      }),
    );
  });

  it('line reader: every line is yielded or rejected exactly once, for any bytes and gzip cuts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 40 }),
        fc.boolean(),
        fc.nat(),
        async (lines, gzip, cut) => {
          const text = Buffer.concat(
            lines.map((l) =>
              Buffer.concat([Buffer.from(l.map((b) => (b === 10 ? 32 : b))), Buffer.from('\n')]),
            ),
          );
          let data = gzip ? gzipSync(text) : text;
          const truncate = gzip && cut % 3 === 0 && data.length > 20;
          if (truncate) data = data.subarray(0, 10 + (cut % (data.length - 10)));
          const result = newLineReaderResult();
          let yielded = 0;
          for await (const b of readLineBlocks({ path: file(data), gzip, maxLineBytes: 200 }, result))
            yielded += b.lines;
          const rejectedLines = result.rejects.filter(
            (r) => r.raw !== '' || !r.reason.startsWith('compressed'),
          ).length;
          if (!truncate) {
            expect(yielded + rejectedLines).toBe(lines.length);
            expect(result.consumedBytes).toBe(text.length);
          } else {
            expect(yielded + rejectedLines).toBeLessThanOrEqual(lines.length + 1);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ingest: corrupted Zeek TSV loses nothing, and both engines agree line for line', async () => {
    const good = (i: number) =>
      [
        `${1700000000 + i}.000001`,
        `C${i}`,
        '10.0.0.1',
        '1234',
        '192.0.2.1',
        '80',
        'tcp',
        'http',
        '0.5',
        '10',
        '20',
        'SF',
        'T',
        'F',
        '0',
        'ShAD',
        '1',
        '50',
        '1',
        '60',
        '(empty)',
      ].join('\t');
    const header = zeekHeaderLines('conn', simulatorLayouts.conn.fields, simulatorLayouts.conn.types);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constant<'good'>('good'),
            fc.constantFrom('abc', '\xff\xfe', '\t\t\t', '-1', '99999999999999999999999', '', '#weird'),
            fc.string({ unit: 'binary', maxLength: 40 }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        async (spec) => {
          const body = spec.map((s, i) => {
            if (s === 'good') return Buffer.from(good(i));
            const cols = good(i).split('\t');
            cols[(i * 7) % cols.length] = s;
            // Raw bytes (invalid UTF-8 included), but never a newline: each spec entry is one line.
            return Buffer.from(Buffer.from(cols.join('\t'), 'latin1').map((b) => (b === 10 ? 32 : b)));
          });
          const data = Buffer.concat([
            Buffer.from(`${header.join('\n')}\n`),
            ...body.flatMap((b) => [b, Buffer.from('\n')]),
          ]);
          const counts = [];
          for (const engine of ['native', 'js'] as const) {
            const dir = join(root, `db${++n}`);
            const store = await DuckDBStore.open({ dataDir: dir });
            const s = await ingestPaths([file(data)], {
              store,
              sensor: 'f',
              tmpDir: join(dir, 'tmp'),
              engine,
            });
            const rejects = await store.query('SELECT line FROM rejects ORDER BY line');
            await store.close();
            const lines = rejects.map((r) => Number(r['line']));
            // Lines that are empty or start with '#' are not records.
            const records = body.filter((b) => b.length > 0 && b[0] !== 0x23).length;
            expect(s.rows + lines.length).toBe(records);
            counts.push({ rows: s.rows, lines });
          }
          expect(counts[0]).toEqual(counts[1]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('Zeek JSON layouts fuzzing', () => {
  it('any JSON object unwraps and maps or is rejected, never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('conn', 'dns', 'http', 'ssl', 'x509', 'ssh'), (v, type) => {
        const obj = v !== null && typeof v === 'object' && !Array.isArray(v) ? v : { ts: v };
        for (const rec of [obj, { [type]: obj }, { '@stream': type, ...obj }]) {
          const r = unwrapZeekJson(rec as Record<string, unknown>);
          const row = convertZeekJson(targetForLogType(r.logType ?? type), r.fields);
          if (row instanceof FieldError) expect(row.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  // A record in one of the layouts pipelines write, from Zeek's own flat fields.
  const layoutOf = {
    zeek: (f: Record<string, unknown>, type: string) => ({ _path: type, ...f }),
    scope: (f: Record<string, unknown>, type: string, sep: string) =>
      Object.fromEntries([['_path', type], ...Object.entries(f).map(([k, v]) => [k.replace('.', sep), v])]),
    nested: (f: Record<string, unknown>, type: string) => {
      const { 'id.orig_h': oh, 'id.orig_p': op, 'id.resp_h': rh, 'id.resp_p': rp, ...rest } = f;
      return { type: `zeek_${type}`, id: { orig_h: oh, orig_p: op, resp_h: rh, resp_p: rp }, ...rest };
    },
    kafka: (f: Record<string, unknown>, type: string) => ({ [type]: f }),
    helk: (f: Record<string, unknown>, type: string) =>
      Object.fromEntries([
        ['@stream', type],
        ['@system', 'S1'],
        ...Object.entries(f).map(([k, v]) => [k.replace('.', '_'), v]),
      ]),
  } as const;

  it('ingest: random layouts, separators and damage lose no record, and both engines agree', async () => {
    const fieldValue = fc.oneof(
      fc.constant<'ok'>('ok'),
      fc.constant<'absent'>('absent'),
      fc.constant(null),
      fc.constantFrom('x', -1, 70000, 1.5, true, [], {}),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(layoutOf) as (keyof typeof layoutOf)[])),
        fc.constantFrom('_', ':', '/', '__', '.'),
        fc.array(
          fc.record({
            type: fc.constantFrom('conn', 'dns', 'http', 'ssl', 'ssh'),
            field: fc.constantFrom('id.orig_h', 'id.resp_h', 'id.resp_p', 'ts', 'uid'),
            value: fieldValue,
            garbage: fc.oneof(fc.constant(null), fc.string({ maxLength: 20 })),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (layout, sep, specs) => {
          const lines = specs.map((s, i) => {
            if (s.garbage !== null && i % 4 === 3) return s.garbage.replaceAll('\n', ' ');
            const f: Record<string, unknown> = {
              ts: 1713520800 + i,
              uid: `C${i}`,
              'id.orig_h': '192.0.2.1',
              'id.orig_p': 1000 + i,
              'id.resp_h': '198.51.100.1',
              'id.resp_p': 443,
            };
            if (s.value === 'absent') delete f[s.field];
            else if (s.value !== 'ok') f[s.field] = s.value;
            return JSON.stringify(layoutOf[layout](f, s.type, sep));
          });
          const data = `${lines.join('\n')}\n`;
          const results = [];
          for (const engine of ['auto', 'js'] as const) {
            const dir = join(root, `db${++n}`);
            const store = await DuckDBStore.open({ dataDir: dir });
            const s = await ingestPaths([file(data)], {
              store,
              sensor: 'f',
              sensorFromData: true,
              tmpDir: join(dir, 'tmp'),
              engine,
            });
            const rejects = await store.query('SELECT line FROM rejects ORDER BY line');
            await store.close();
            const records = lines.filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
            // Every line is a row or a reject: none is lost silently.
            expect(s.rows + rejects.length).toBe(records);
            results.push({ rows: s.rows, rejects: rejects.map((r) => Number(r['line'])) });
          }
          expect(results[0]).toEqual(results[1]);
        },
      ),
      { numRuns: 15 },
    );
  });
});
