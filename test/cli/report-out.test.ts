import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { apt10Attribution, apt10Incident } from '../report/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-report-out-'));
const data = join(dir, 'data');
const storeFile = join(data, 'mamori.duckdb');
let id: string;

beforeAll(async () => {
  const store = await DuckDBStore.open({ dataDir: data });
  const runId = await store.saveFindings({ detectors: [] }, []);
  const incident = apt10Incident();
  id = incident.id;
  await store.saveIncidents(runId, [{ incident, attribution: apt10Attribution() }]);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report --out', () => {
  it('report --out refuses to overwrite the store file (exit 2), and the store still opens', async () => {
    const before = readFileSync(storeFile);
    const r = await run('report', id, '--data', data, '--out', storeFile, '--format', 'md');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out .*mamori\.duckdb: it is inside the data directory/);
    expect(readFileSync(storeFile).equals(before)).toBe(true);
    expect((await run('incidents', '--data', data)).code).toBe(0);
  });

  it('report --out refuses a symlink to the store and a new file in the data directory', async () => {
    const link = join(dir, 'report.md');
    symlinkSync(storeFile, link);
    expect((await run('report', id, '--data', data, '--out', link)).code).toBe(2);
    expect((await run('report', id, '--data', data, '--out', join(data, 'report.md'))).code).toBe(2);
    expect(() => statSync(join(data, 'report.md'))).toThrow();
  });

  it('hunt --out refuses the data directory too', async () => {
    const r = await run('hunt', '--data', data, '--out', join(data, 'mamori.duckdb.wal'), '--format', 'md');
    expect(r.code).toBe(2);
  });

  it('report --out still writes a report outside the data directory', async () => {
    const out = join(dir, 'incident.md');
    const r = await run('report', id, '--data', data, '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(id);
  });
});
