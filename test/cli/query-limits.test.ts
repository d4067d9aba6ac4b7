import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-query-limits-'));
beforeAll(async () => {
  await (await DuckDBStore.open({ dataDir: dir })).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mamori query limits', () => {
  it('query timeout: --timeout ends an endless query with exit 1 and a clear message', async () => {
    const r = await run(
      'query',
      '--data',
      dir,
      '--timeout',
      '1',
      'SELECT count(*) FROM range(1000000000000)',
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/query stopped: it ran longer than 1 s \(--timeout\)/);
  }, 20_000);

  it('query row limit: --limit returns exactly that many rows and says more exist', async () => {
    const json = await run(
      'query',
      '--data',
      dir,
      '--limit',
      '3',
      '--json',
      'SELECT range AS n FROM range(5000)',
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toHaveLength(3);
    expect(json.err).toMatch(/stopped at 3 rows \(--limit\)/);
    const table = await run('query', '--data', dir, '--limit', '3', 'SELECT range AS n FROM range(5000)');
    expect(table.out).toMatch(/\(3 rows; stopped at --limit 3, more exist\)/);
    const exact = await run('query', '--data', dir, '--limit', '3', 'SELECT range AS n FROM range(3)');
    expect(exact.out).toMatch(/\(3 rows\)/);
  });

  it('query memory limit: --memory-limit bounds an aggregate', async () => {
    const r = await run(
      'query',
      '--data',
      dir,
      '--memory-limit',
      '64MB',
      "SELECT string_agg(repeat('x', 1000)) FROM range(10000000)",
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/memory limit of 64MB/);
  }, 30_000);

  it.each([
    ['--timeout', '0'],
    ['--timeout', 'soon'],
    ['--memory-limit', 'lots'],
    ['--memory-limit', "1GB'; ATTACH 'x"],
  ])('a bad %s %s is a usage error', async (flag, value) => {
    const r = await run('query', '--data', dir, flag, value, 'SELECT 1');
    expect(r.code).toBe(2);
  });
});
