import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBStore } from './duckdb-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-user-query-'));
let store: DuckDBStore;

beforeAll(async () => {
  await (await DuckDBStore.open({ dataDir: dir })).close();
  store = await DuckDBStore.open({ dataDir: dir, readOnly: true });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const memorySetting = async () =>
  (await store.query(`SELECT current_setting('memory_limit')::VARCHAR AS m`))[0]?.['m'];

describe('user query limits', () => {
  it('query timeout: a query running past its timeout stops with a clear error, not a hung process', async () => {
    const started = Date.now();
    await expect(
      store.userQuery('SELECT count(*) FROM range(1000000000000)', { timeoutSeconds: 1 }),
    ).rejects.toThrow(/query stopped: it ran longer than 1 s \(--timeout\)/);
    expect(Date.now() - started).toBeLessThan(7_000);
    // The connection is usable afterwards.
    expect((await store.userQuery('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  }, 20_000);

  it('query timeout: a cross join past its timeout stops too', async () => {
    await expect(
      store.userQuery('SELECT max(a.range * b.range) FROM range(10000000) a, range(10000000) b', {
        timeoutSeconds: 1,
      }),
    ).rejects.toThrow(/ran longer than 1 s/);
  }, 20_000);

  it('query memory limit: a query needing more than its memory limit stops with an error naming the limit', async () => {
    const before = await memorySetting();
    await expect(
      store.userQuery("SELECT string_agg(repeat('x', 1000)) FROM range(10000000)", { memoryLimit: '64MB' }),
    ).rejects.toThrow(/needs more than its memory limit of 64MB \(--memory-limit\)/);
    // The store's own limit is put back.
    expect(await memorySetting()).toBe(before);
  }, 30_000);

  it('a string past the engine maximum is an SQL error, and a bad size is refused', async () => {
    await expect(store.userQuery("SELECT length(repeat('x', 10000000000))")).rejects.toThrow(/SQL error/);
    await expect(store.userQuery('SELECT 1', { memoryLimit: "1GB'; ATTACH 'x" })).rejects.toThrow(
      /not a size/,
    );
  });

  it('the sandbox refusals still hold under the limits', async () => {
    await expect(store.userQuery('DROP TABLE conn')).rejects.toThrow(/read-only/);
    await expect(store.userQuery("COPY conn TO '/tmp/x.csv'")).rejects.toThrow();
    await expect(store.userQuery("ATTACH '/tmp/other.db'")).rejects.toThrow();
    await expect(store.userQuery('INSTALL httpfs')).rejects.toThrow();
    await expect(store.userQuery("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(
      /refused|disabled/,
    );
    await expect(store.userQuery("SELECT * FROM 'https://example.com/x.csv'")).rejects.toThrow();
    await expect(store.userQuery("SET memory_limit = '100GB'")).rejects.toThrow(/read-only/);
  });
});
