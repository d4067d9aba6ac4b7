import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBStore } from './duckdb/duckdb-store.js';

describe('temporary files left by a killed run', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-stale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('temp files left behind after a kill (up to 4 GiB) are removed when the store is next opened for writing', async () => {
    // The id of a process that has exited: nothing holds its files.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const stale = [
      `spool-${dead}-1-conn.tsv`,
      `body-${dead}-3.tsv`,
      `json-stage-${dead}-2.parquet`,
      `stdin-${dead}-1`,
    ];
    const kept = [
      `spool-${process.ppid}-1-conn.tsv`,
      `spool-${process.pid}-9-dns.tsv`,
      'notes.txt',
      'spool-x-1.tsv',
    ];
    for (const f of [...stale, ...kept]) writeFileSync(path.join(tmp, f), 'x'.repeat(100));

    // A reader holds no write lock: it removes nothing.
    await (await DuckDBStore.open({ dataDir: dir })).close();
    for (const f of stale) writeFileSync(path.join(tmp, f), 'x');
    const ro = await DuckDBStore.open({ dataDir: dir, readOnly: true });
    await ro.close();
    for (const f of stale) expect(existsSync(path.join(tmp, f)), f).toBe(true);

    const store = await DuckDBStore.open({ dataDir: dir });
    await store.close();
    for (const f of stale) expect(existsSync(path.join(tmp, f)), f).toBe(false);
    // A live process's files (this one's too) and files mamori did not name are kept.
    for (const f of kept) expect(existsSync(path.join(tmp, f)), f).toBe(true);
  });
});
