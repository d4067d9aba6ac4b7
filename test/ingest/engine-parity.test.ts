import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { type Engine, engines, openEngineStores, rejectsOf, type TempStore } from './ingest-helpers.js';

// Generated Zeek TSV edge cases: the native reader and the JS engine must load the same rows with the
// same values, and reject the same lines.
const fields = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'orig_bytes',
  'tunnel_parents',
];
const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'count', 'set[string]'];
const header = (extra: { fields?: string[]; types?: string[] } = {}) =>
  zeekHeaderLines('conn', [...fields, ...(extra.fields ?? [])], [...types, ...(extra.types ?? [])]).join(
    '\n',
  );
const row = (tag: string, i: number, over: Record<string, string> = {}) =>
  fields
    .map((f) => over[f] ?? { ts: `${1713484800 + i}.5`, uid: `C${tag}${i}`, 'id.orig_h': '10.0.0.1' }[f])
    .map((v, k) => v ?? ['', '', '', '1', '192.0.2.1', '80', 'tcp', `${i}`, '(empty)'][k])
    .join('\t');

describe('native and js engines load the same values', () => {
  let stores: Record<Engine, TempStore>;
  beforeAll(async () => {
    stores = await openEngineStores('parity');
  });
  afterAll(async () => {
    for (const e of engines) await stores[e].close();
  });

  /** Loads `text` under both engines and returns what each stored. */
  const load = async (name: string, text: string) => {
    const file = path.join(stores.native.dir, name);
    writeFileSync(file, text);
    const out: Record<string, unknown> = {};
    for (const e of engines) {
      await stores[e].ingest([file]);
      const rows = await stores[e].store.query(
        `SELECT uid, ts::VARCHAR AS ts, orig_bytes::VARCHAR AS b, resp_p, tunnel_parents, extra
         FROM conn WHERE source_file = ? ORDER BY uid`,
        [file],
      );
      out[e] = { rows, rejects: (await rejectsOf(stores[e].store, file)).map((r) => r.line) };
    }
    return out as Record<Engine, { rows: Record<string, unknown>[]; rejects: number[] }>;
  };

  it('sets, unset and empty values, and blank lines', async () => {
    const text = `${header()}\n${row('s', 0, { tunnel_parents: 'a,b' })}\n\n${row('s', 1, { tunnel_parents: '-' })}\n`;
    const r = await load('conn-sets.log', text);
    expect(r.js).toEqual(r.native);
    expect(r.native.rows.map((x) => x['tunnel_parents'])).toEqual([['a', 'b'], null]);
  });

  it('concatenated logs whose header changes mid-file', async () => {
    const second = header({ fields: ['note'], types: ['string'] });
    const text = `${header()}\n${row('c', 0)}\n#close\t2024\n${second}\n${row('c', 1)}\tX\n${row('c', 2)}\n`;
    const r = await load('conn-concat.log', text);
    expect(r.js).toEqual(r.native);
    expect(r.native.rows.map((x) => x['extra'])).toEqual([null, '{"note":"X"}']);
    expect(r.native.rejects).toEqual([20]); // the last row lacks the new field
  });

  // Zeek writes far-away times in exponent notation (mta-trickbot x509.log: 2.344943763e+09).
  // Regression: the JS engine used to reject them while the native reader loaded them.
  it('times in exponent notation', async () => {
    const r = await load(
      'conn-exp.log',
      `${header()}\n${row('e', 0, { ts: '2.344943763e+09' })}\n${row('e', 1)}\n`,
    );
    expect(r.js).toEqual(r.native);
  });

  // More than 6 fractional digits are rounded to the microsecond by both engines (.1234567 → .123457).
  it('times with more than six fractional digits', async () => {
    const r = await load('conn-ns.log', `${header()}\n${row('n', 0, { ts: '1713484800.1234567' })}\n`);
    expect(r.js).toEqual(r.native);
  });

  // DuckDB's reader accepts " 2" and "+3" in count fields; so does the JS engine.
  it('counts with a sign or leading space', async () => {
    const text = `${header()}\n${row('p', 0, { orig_bytes: '+3' })}\n${row('p', 1, { orig_bytes: ' 2' })}\n`;
    const r = await load('conn-plus.log', text);
    expect(r.js).toEqual(r.native);
  });

  // CRLF line endings: `#path` must read "conn", not "conn\r" (which once sent rows to `events`).
  it('CRLF line endings', async () => {
    const text = `${header()}\n${row('r', 0)}\n${row('r', 1)}\n`.replaceAll('\n', '\r\n');
    const r = await load('conn-crlf.log', text);
    expect(r.js).toEqual(r.native);
    expect(r.native.rows.map((x) => x['uid'])).toEqual(['Cr0', 'Cr1']);
  });
});
