import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutPath, writeTarget } from './out-path.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-out-'));
const data = join(dir, 'data');
const store = join(data, 'mamori.duckdb');
mkdirSync(join(data, 'tmp'), { recursive: true });
writeFileSync(store, 'store');
writeFileSync(join(data, 'mamori.duckdb.wal'), 'wal');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused = (out: string) => () => checkOutPath(out, data);

describe('checkOutPath', () => {
  it('report --out: the store, its WAL and anything in the data directory are refused (usage error)', () => {
    expect(refused(store)).toThrowError(/inside the data directory/);
    expect(refused(join(data, 'mamori.duckdb.wal'))).toThrowError(/inside the data directory/);
    expect(refused(join(data, 'tmp', 'new.html'))).toThrowError(/inside the data directory/);
    expect(refused(join(data, 'x', '..', 'mamori.duckdb'))).toThrowError(/inside the data directory/);
    expect(refused(data)).toThrowError(/inside the data directory/);
    try {
      checkOutPath(store, data);
    } catch (err) {
      expect((err as { code: string }).code).toBe('E_USAGE');
    }
  });

  it('report --out: a symbolic link into the data directory is refused, dangling or through a folder', () => {
    const link = join(dir, 'report.html');
    symlinkSync(store, link);
    expect(refused(link)).toThrowError(/leads to .*mamori\.duckdb/);
    const dangling = join(dir, 'dangling.html');
    symlinkSync(join(data, 'new-file.html'), dangling);
    expect(refused(dangling)).toThrowError(/leads to/);
    const folder = join(dir, 'reports');
    symlinkSync(data, folder);
    expect(refused(join(folder, 'mamori.duckdb'))).toThrowError(/leads to/);
    expect(refused(join(folder, 'later', 'r.html'))).toThrowError(/leads to/);
    // The data directory given through a link is the same directory.
    expect(() => checkOutPath(store, folder)).toThrowError(/data directory/);
  });

  it('report --out: a hard link to the store is refused', () => {
    const hard = join(dir, 'hard.html');
    linkSync(store, hard);
    expect(refused(hard)).toThrowError(/hard link/);
  });

  it('report --out: paths outside, including a sibling whose name starts the same, are allowed', () => {
    expect(refused(join(dir, 'report.md'))).not.toThrow();
    expect(refused(join(`${data}-reports`, 'r.md'))).not.toThrow();
    expect(refused(join(dir, 'new', 'deeper', 'r.md'))).not.toThrow();
    expect(writeTarget(join(dir, 'new', 'r.md'))).toBe(join(writeTarget(dir), 'new', 'r.md'));
    expect(readFileSync(store, 'utf8')).toBe('store');
  });
});
