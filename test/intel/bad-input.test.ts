// Hostile and broken intel: each problem is named with its place, the rest is imported, and a file
// that cannot be read keeps nothing of itself and loses nothing else.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const bundle = (objects: unknown[]) => JSON.stringify({ type: 'bundle', id: `bundle--${u(999)}`, objects });

describe('bad intel input', () => {
  let dir: string;
  let store: DuckDBStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-intel-bad-'));
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string, body: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, body);
    return p;
  };

  it('cycles, self-references, dangling refs, unknown types and wrong versions', async () => {
    const a = `intrusion-set--${u(1)}`;
    const b = `malware--${u(2)}`;
    const p = file(
      'cyclic.json',
      bundle([
        {
          type: 'intrusion-set',
          spec_version: '2.1',
          id: a,
          name: 'Cycle Group',
          aliases: ['Cycle Group', 'CG'],
        },
        { type: 'malware', spec_version: '2.1', id: b, name: 'CycleRAT', is_family: true },
        {
          type: 'relationship',
          spec_version: '2.1',
          id: `relationship--${u(3)}`,
          relationship_type: 'uses',
          source_ref: a,
          target_ref: b,
        },
        {
          type: 'relationship',
          spec_version: '2.1',
          id: `relationship--${u(4)}`,
          relationship_type: 'uses',
          source_ref: b,
          target_ref: a,
        },
        {
          type: 'relationship',
          spec_version: '2.1',
          id: `relationship--${u(5)}`,
          relationship_type: 'related-to',
          source_ref: a,
          target_ref: a,
        },
        {
          type: 'relationship',
          spec_version: '2.1',
          id: `relationship--${u(6)}`,
          relationship_type: 'uses',
          source_ref: a,
          target_ref: `tool--${u(77)}`,
        },
        { type: 'x-unknown-thing', spec_version: '2.1', id: `x-unknown-thing--${u(7)}` },
        { type: 'malware', spec_version: '3.0', id: `malware--${u(8)}`, name: 'Future' },
        {
          type: 'indicator',
          spec_version: '2.1',
          id: `indicator--${u(9)}`,
          pattern: "[ipv4-addr:value = '203.0.113.9'",
          pattern_type: 'stix',
          valid_from: '2020-01-01T00:00:00Z',
        },
      ]),
    );
    const r = await importIntelPaths([p], { store });
    const o = r.outcomes[0];
    expect(o?.status).toBe('imported');
    expect(o?.counts?.dangling).toBe(1);
    const messages = o?.problems.map((x) => `${x.location}: ${x.message}`).join('\n') ?? '';
    expect(messages).toMatch(/3\.0/);
    expect(messages).toMatch(/indicator--00000000-0000-4000-8000-000000000009/);
    const d = await store.intel.entityDetail(a);
    expect(d?.outgoing.map((l) => l.name)).toEqual(['CycleRAT']);
    expect(d?.incoming.map((l) => l.name)).toEqual(['CycleRAT']);
  });

  it('prototype-pollution keys change nothing outside the records', async () => {
    const p = file(
      'proto.json',
      `{"type":"bundle","id":"bundle--${u(10)}","__proto__":{"polluted":1},"objects":[{"type":"malware","spec_version":"2.1","id":"malware--${u(11)}","name":"ProtoRAT","__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}}}]}`,
    );
    await importIntelPaths([p], { store });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await store.intel.findEntities('ProtoRAT'))[0]?.name).toBe('ProtoRAT');
  });

  it('invalid JSON, truncated gzip and non-intel files fail alone with their place named', async () => {
    const before = await store.intel.stats();
    const bad = file('broken.json', '{"type":"bundle","id":"bundle--x","objects":[{"type":"malware",,}]}');
    const gz = gzipSync(
      Buffer.from(bundle([{ type: 'malware', spec_version: '2.1', id: `malware--${u(12)}`, name: 'Cut' }])),
    );
    const cut = file('cut.json.gz', gz.subarray(0, gz.length - 12));
    const junk = file('notes.bin', Buffer.from([0, 159, 146, 150, 1, 2]));
    const good = file('good.txt', '# fine\nok-domain.example.com\n');
    const r = await importIntelPaths([bad, cut, junk, good], { store });
    const byName = Object.fromEntries(r.outcomes.map((o) => [path.basename(o.path), o]));
    expect(byName['broken.json']?.error?.message).toMatch(/broken\.json.*(byte|line|column)/);
    expect(byName['cut.json.gz']?.error?.message).toMatch(/cut\.json\.gz/);
    expect(byName['notes.bin']?.error?.message).toMatch(/notes\.bin: not an intel format/);
    expect(byName['good.txt']?.status).toBe('imported');
    const after = await store.intel.stats();
    expect(after.entities).toEqual(before.entities);
  });
});
