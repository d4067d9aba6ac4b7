import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../test/helpers/shared-data.js';
import { MamoriError } from '../../errors.js';
import { readStixBundle, type StixEntry, streamStixObjects } from './bundle-stream.js';

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const obj = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'malware',
  id: `malware--${uuid(n)}`,
  name: `M "${n}" \\ ]}[{ é`,
  ...extra,
});

async function* chunked(text: string | Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  let i = 0;
  let k = 0;
  while (i < buf.length) {
    const size = Math.max(1, sizes.length > 0 ? (sizes[k++ % sizes.length] ?? 1) : buf.length);
    yield buf.subarray(i, i + size);
    i += size;
  }
}

async function collect(text: string | Buffer, sizes: readonly number[] = []): Promise<StixEntry[]> {
  const out: StixEntry[] = [];
  for await (const e of streamStixObjects(chunked(text, sizes), 'test.json')) out.push(e);
  return out;
}

async function failure(text: string | Buffer, sizes: readonly number[] = []): Promise<MamoriError> {
  try {
    await collect(text, sizes);
  } catch (err) {
    if (err instanceof MamoriError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('streamStixObjects', () => {
  const objects = [obj(1), obj(2, { nested: { a: [1, { b: '"]' }] } }), obj(3)];
  const bundle = JSON.stringify(
    { type: 'bundle', id: `bundle--${uuid(9)}`, spec_version: '2.0', objects },
    null,
    2,
  );

  it('yields every object of a bundle with index, byte offset and line', async () => {
    const entries = await collect(bundle);
    expect(entries.map((e) => e.object)).toEqual(objects);
    expect(entries.map((e) => e.index)).toEqual([0, 1, 2]);
    const first = entries[0];
    expect(
      first &&
        Buffer.from(bundle)
          .subarray(first.offset, first.offset + 1)
          .toString(),
    ).toBe('{');
    expect(first?.line).toBe(6);
    expect(entries[1]?.id).toBe(`malware--${uuid(2)}`);
  });

  it('gives the same result however the bytes are cut into chunks', async () => {
    const want = await collect(bundle);
    for (let size = 1; size <= 9; size++) expect(await collect(bundle, [size])).toEqual(want);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        async (sizes) => {
          expect(await collect(bundle, sizes)).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a bare list of objects, and a single object', async () => {
    expect((await collect(JSON.stringify(objects))).map((e) => e.object)).toEqual(objects);
    const single = await collect(`\uFEFF  ${JSON.stringify(obj(7))}\n`);
    expect(single.map((e) => e.object)).toEqual([obj(7)]);
    expect(single[0]?.offset).toBe(5);
  });

  it('reads the objects of a bundle whose other members come last, and an empty bundle', async () => {
    const late = `{"objects": [${JSON.stringify(obj(1))}], "id": "bundle--${uuid(1)}", "type": "bundle"}`;
    expect((await collect(late)).map((e) => e.object)).toEqual([obj(1)]);
    expect(await collect('{"type":"bundle","id":"bundle--x","objects":[]}')).toEqual([]);
    expect(await collect('{"type":"bundle","id":"bundle--x"}')).toEqual([]);
  });

  it('keeps an "objects" member of a single non-bundle object inside that object', async () => {
    const observed = { type: 'observed-data', id: `observed-data--${uuid(1)}`, objects: [{ type: 'file' }] };
    expect((await collect(JSON.stringify(observed))).map((e) => e.object)).toEqual([observed]);
  });

  it('reports elements that are not usable STIX objects as problems and goes on', async () => {
    const text = JSON.stringify([
      1,
      'text',
      null,
      [1],
      { id: 'x--1' },
      { type: 'malware' },
      { type: 'malware', id: 'malware--1', spec_version: '3.0' },
      obj(1),
    ]);
    const entries = await collect(text, [3]);
    expect(entries.map((e) => e.problem)).toEqual([
      'not a JSON object but a number',
      'not a JSON object but a string',
      'not a JSON object but null',
      'not a JSON object but a list',
      'has no "type"',
      'malware has no "id"',
      'spec_version "3.0" is not supported (2.0 or 2.1)',
      undefined,
    ]);
    expect(entries[7]?.object).toEqual(obj(1));
  });

  it('throws for a bundle spec_version other than 2.0 or 2.1', async () => {
    const err = await failure(
      JSON.stringify({ type: 'bundle', id: 'bundle--1', spec_version: '1.2', objects: [obj(1)] }),
    );
    expect(err.code).toBe('E_BAD_INPUT');
    expect(err.message).toContain('test.json');
    expect(err.message).toContain('spec_version "1.2"');
  });

  it('throws naming the byte offset and line of a syntax error inside an object', async () => {
    const text =
      '{"type": "bundle", "id": "bundle--1", "objects": [\n{"type": "malware", "id": "malware--1"},\n{"type": "tool" "id": "x"}\n]}';
    const err = await failure(text, [7]);
    const at = text.indexOf('"id": "x"');
    expect(err.message).toMatch(new RegExp(`^test\\.json: byte ${at} \\(line 3\\): invalid JSON`));
  });

  it.each([
    [
      'a missing comma between objects',
      `[${JSON.stringify(obj(1))} ${JSON.stringify(obj(2))}]`,
      'expected "," or "]"',
    ],
    ['a trailing comma', `[${JSON.stringify(obj(1))},]`, 'trailing ","'],
    ['a leading comma', `[,${JSON.stringify(obj(1))}]`, 'unexpected ","'],
    ['text after the document', `[${JSON.stringify(obj(1))}] x`, 'after the end'],
    ['a file that is not JSON', 'hello', 'expected a JSON object or array'],
    ['an empty file', '  \n', 'no JSON value'],
    ['a broken top-level member', '{"type": "bundle" "id": "b", "objects": []}', 'invalid JSON'],
  ])('throws for %s', async (_name, text, fragment) => {
    const err = await failure(text);
    expect(err.message).toMatch(/^test\.json: byte \d+ \(line \d+\): /);
    expect(err.message).toContain(fragment);
  });

  it('maps an error in the bundle members after the objects list to its real offset', async () => {
    const text = `{"objects": [${JSON.stringify(obj(1))}, ${JSON.stringify(obj(2))}],\n "type": "bundle" "id": "x"}`;
    const err = await failure(text, [11]);
    expect(err.message).toMatch(
      new RegExp(
        `^test\\.json: byte ${Buffer.byteLength(text.slice(0, text.indexOf('"id": "x"')))} \\(line 2\\): invalid JSON`,
      ),
    );
  });

  it('throws for a truncated file, at its end, after yielding what was complete', async () => {
    const text = bundle.slice(0, bundle.indexOf('"name"', bundle.indexOf(uuid(3))));
    const seen: StixEntry[] = [];
    let error: unknown;
    try {
      for await (const e of streamStixObjects(chunked(text, [16]), 'cut.json')) seen.push(e);
    } catch (err) {
      error = err;
    }
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(MamoriError);
    expect((error as Error).message).toMatch(
      new RegExp(`^cut\\.json: byte ${Buffer.byteLength(text)} \\(line \\d+\\): unexpected end of file`),
    );
    expect((await failure(`[${JSON.stringify(obj(1)).slice(0, 20)}`)).message).toContain('inside a string');
  });

  it('skips elements unparsed when `only` says so', async () => {
    const list = JSON.stringify([
      obj(1),
      { type: 'marking-definition', id: 'marking-definition--1' },
      obj(2),
    ]);
    const out: StixEntry[] = [];
    for await (const e of streamStixObjects(chunked(list, [5]), 'x', {
      only: (b) => b.includes('"marking-definition"'),
    }))
      out.push(e);
    expect(out.map((e) => e.id)).toEqual(['marking-definition--1']);
  });

  it('reads plain and gzip files from disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-stix-'));
    const plain = path.join(dir, 'b.json');
    const gz = path.join(dir, 'b.json.gz');
    writeFileSync(plain, bundle);
    writeFileSync(gz, gzipSync(bundle));
    const read = async (p: string) => {
      const out: unknown[] = [];
      for await (const e of readStixBundle(p)) out.push(e.object);
      return out;
    };
    expect(await read(plain)).toEqual(objects);
    expect(await read(gz)).toEqual(objects);
    const cut = path.join(dir, 'cut.json.gz');
    writeFileSync(cut, gzipSync(bundle).subarray(0, 40));
    await expect(read(cut)).rejects.toThrow(/cut\.json\.gz/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describeWithSharedData('readStixBundle on real bundles', ['intel/mitre-attack'], () => {
  it('streams all 24,771 objects of the gzip enterprise ATT&CK bundle', async () => {
    let n = 0;
    let problems = 0;
    for await (const e of readStixBundle(
      sharedData('intel/mitre-attack/enterprise-attack.mitre-cti.stix20.json.gz'),
    )) {
      n++;
      if (e.problem) problems++;
    }
    expect(n).toBe(24771);
    expect(problems).toBe(0);
  });

  it('streams the STIX 2.1 ICS bundle', async () => {
    const types = new Map<string, number>();
    for await (const e of readStixBundle(sharedData('intel/mitre-attack/ics-attack-18.1.stix21.json')))
      if (e.object) types.set(e.object.type, (types.get(e.object.type) ?? 0) + 1);
    expect(types.get('intrusion-set')).toBe(16);
    expect(types.get('relationship')).toBe(1373);
  });
});
