import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.test-helper.js';
import { errorCodes, isNoSpace, MamoriError, noSpaceError } from '../../src/errors.js';
import { writeConnLog } from '../helpers/zeek-log-writer.js';
import { scratchDir } from './ingest-helpers.js';

// A full disk cannot be made in a test: writes of spooled rows that hold `fullDiskMarker` fail with
// ENOSPC instead, as they would when the data directory's disk fills up mid-file.
let fullDiskMarker: string | null = null;
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fullDiskMarker && fd > 2 && typeof data === 'string' && data.includes(fullDiskMarker)) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return (fs.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

describe('ENOSPC', () => {
  let dir: string;
  let data: string;
  let good: string;
  let full: string;
  beforeAll(() => {
    dir = scratchDir('enospc');
    data = path.join(dir, 'data');
    good = path.join(dir, 'logs', 'a-conn.log');
    full = path.join(dir, 'logs', 'b-conn.log');
    mkdirSync(path.join(dir, 'logs'));
    writeConnLog(good, [
      { ts: 1713484800, orig: '10.0.0.1', resp: '192.0.2.1', port: 443, service: 'ssl' },
      { ts: 1713484801, orig: '10.0.0.1', resp: '192.0.2.1', port: 443, service: 'ssl' },
    ]);
    writeConnLog(full, [
      { ts: 1713484900, orig: '10.0.0.2', resp: '198.51.100.9', port: 8443, service: 'fullness' },
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ENOSPC: a full disk is named, exits 74, and the store opens and reads the file again afterwards', async () => {
    fullDiskMarker = 'fullness';
    let r: Awaited<ReturnType<typeof runCli>>;
    try {
      r = await runCli('ingest', '--engine', 'js', '--no-progress', '-d', data, path.join(dir, 'logs'));
    } finally {
      fullDiskMarker = null;
    }
    expect(r.code).toBe(74);
    expect(r.err).toContain(`no space left on device while writing to the data directory ${data}`);
    // The store opens; the file that hit the full disk has no batch and no ledger entry.
    const q = await runCli(
      'query',
      '-d',
      data,
      '--format',
      'csv',
      'SELECT source_file FROM ingest_batches ORDER BY 1',
    );
    expect(q.code, q.err).toBe(0);
    expect(q.out).toContain(good);
    expect(q.out).not.toContain(full);
    const again = await runCli(
      'ingest',
      '--engine',
      'js',
      '--no-progress',
      '--json',
      '-d',
      data,
      path.join(dir, 'logs'),
    );
    expect(again.code, again.err).toBe(0);
    const s = JSON.parse(again.out) as { rows: number; byStatus: Record<string, number> };
    expect(s.rows).toBe(1);
    expect(s.byStatus['unchanged']).toBe(1);
  });

  it("ENOSPC: DuckDB's message and a wrapped cause are recognised", () => {
    const duck = new Error('IO Error: Could not write file "/d/mamori.duckdb.wal": No space left on device');
    expect(isNoSpace(duck)).toBe(true);
    expect(isNoSpace(new MamoriError(errorCodes.store, 'could not commit', { cause: duck }))).toBe(true);
    expect(isNoSpace(new Error('Permission denied'))).toBe(false);
    const e = noSpaceError('the data directory /d', duck);
    expect(e.code).toBe(errorCodes.noSpace);
    expect(e.message).toMatch(/^no space left on device while writing to the data directory \/d/);
  });
});
