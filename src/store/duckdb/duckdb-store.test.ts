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
