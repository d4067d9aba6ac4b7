import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, schemaVersion, v1LedgerDdl } from './duckdb-schema.js';
import { DuckDBStore, duckdbFileName } from './duckdb-store.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'mamori-store-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('DuckDB store', () => {
  it('upgrades a version-1 database on open', async () => {
    const dir = tmp();
    const inst = await DuckDBInstance.create(join(dir, duckdbFileName));
    const c = await inst.connect();
    await c.run(v1LedgerDdl);
    await migrate(c, 1);
    c.closeSync();
    inst.closeSync();
    const store = await DuckDBStore.open({ dataDir: dir });
    expect(await store.schemaVersion()).toBe(schemaVersion);
    const cols = await store.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ingest_files' AND column_name IN ('stream_key', 'raw_size', 'raw_mtime')`,
    );
    expect(cols).toHaveLength(3);
    await store.close();
  });

  it('refuses writes and file access in user queries', async () => {
    const dir = tmp();
    await (await DuckDBStore.open({ dataDir: dir })).close();
    const store = await DuckDBStore.open({ dataDir: dir, readOnly: true });
    await expect(store.userQuery('DELETE FROM conn')).rejects.toThrow(/read-only/);
    await expect(store.userQuery('CREATE TABLE x (a INT)')).rejects.toThrow(/read-only/);
    await expect(store.userQuery("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow();
    await expect(store.userQuery('SELECT 1; SELECT 2')).rejects.toThrow(/exactly one/);
    const r = await store.userQuery('SELECT count(*) AS n FROM conn');
    expect(r.columns).toEqual(['n']);
    await store.close();
  });

  it('rolls back an aborted batch', async () => {
    const store = await DuckDBStore.open({ dataDir: tmp() });
    const batch = await store.beginBatch({ sensor: 's', sourceFile: 'f', engine: 'zeek' });
    await batch.prepare('weird');
    batch.append('weird', [1n, 'C1', '10.0.0.1', 1, '10.0.0.2', 2, 'bad_TCP', null, false, null, null], null);
    await batch.abort();
    expect((await store.tableRows())['weird']).toBe(0);
    await store.close();
  });
});

describe('DuckDB native loads in one process', () => {
  it('report each load its own rejects, with several stores open', async () => {
    const { ingestPaths } = await import('../../ingest/ingest-paths.js');
    const { zeekHeaderLines } = await import('../../sim/zeek-writer.js');
    const { writeFileSync, utimesSync } = await import('node:fs');
    const dir = tmp();
    const header = zeekHeaderLines('weird', ['ts', 'uid', 'name'], ['time', 'string', 'string']).join('\n');
    const file = (name: string, body: string) => {
      const p = join(dir, name);
      writeFileSync(p, `${header}\n${body}`);
      const old = new Date(Date.now() - 3_600_000);
      utimesSync(p, old, old);
      return p;
    };
    const a1 = file('a1.log', '1.0\tC1\tx\nbad\tC2\ty\n');
    const b1 = file('b1.log', '1.0\tC3\tz\n');
    const a2 = file('a2.log', '2.0\tC4\tx\n3.0\tC6\tx\nworse\tC5\ty\n');
    const [a, b] = [await DuckDBStore.open({ dataDir: tmp() }), await DuckDBStore.open({ dataDir: tmp() })];
    const run = (s: DuckDBStore, p: string) =>
      ingestPaths([p], { store: s, sensor: 's', tmpDir: join(dir, 'tmp'), engine: 'native' });
    expect((await run(a, a1)).rejects).toBe(1);
    expect((await run(b, b1)).rejects).toBe(0);
    const second = await run(a, a2);
    expect(second.rejects).toBe(1);
    const rows = await a.userQuery('SELECT file, line::INTEGER AS line FROM rejects ORDER BY file');
    expect(rows.rows).toEqual([
      { file: a1, line: 10 },
      { file: a2, line: 11 },
    ]);
    await a.close();
    await b.close();
  });
});
