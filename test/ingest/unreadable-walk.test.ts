import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.test-helper.js';
import { writeConnLog } from '../helpers/zeek-log-writer.js';
import { scratchDir } from './ingest-helpers.js';

// M1: an unreadable sub-directory aborted the whole ingest with a stack trace and exit 70.
// Running as root, chmod 000 blocks nothing; the permission error is then injected here instead.
const denied = new Set<string>();
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const deny = (p: unknown) => {
    if (denied.has(String(p))) {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(p)}'`), { code: 'EACCES' });
    }
  };
  return {
    ...fs,
    readdir: (async (p: string, ...rest: unknown[]) => {
      deny(p);
      return (fs.readdir as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readdir,
    stat: (async (p: string, ...rest: unknown[]) => {
      deny(p);
      return (fs.stat as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.stat,
  };
});

const isRoot = process.getuid?.() === 0;

describe('M1: unreadable entries in a walk', () => {
  let dir: string;
  let data: string;
  beforeAll(() => {
    dir = scratchDir('m1');
    data = path.join(dir, 'data');
    mkdirSync(path.join(dir, 'logs', 'a'), { recursive: true });
    mkdirSync(path.join(dir, 'logs', 'locked'), { recursive: true });
    writeConnLog(path.join(dir, 'logs', 'a', 'conn.log'), [
      { ts: 1713484800, orig: '10.0.0.1', resp: '192.0.2.1', port: 443 },
      { ts: 1713484801, orig: '10.0.0.1', resp: '192.0.2.1', port: 443 },
    ]);
    writeConnLog(path.join(dir, 'logs', 'locked', 'conn.log'), [
      { ts: 1713484900, orig: '10.0.0.2', resp: '192.0.2.1', port: 443 },
    ]);
    writeConnLog(path.join(dir, 'logs', 'z-secret.log'), [
      { ts: 1713485000, orig: '10.0.0.3', resp: '192.0.2.1', port: 443 },
    ]);
    symlinkSync(path.join(dir, 'nowhere.log'), path.join(dir, 'logs', 'broken.log'));
    execFileSync('mkfifo', [path.join(dir, 'logs', 'pipe.log')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('M1: an unreadable folder and file are reported with path and reason, and the rest is ingested', async () => {
    const locked = path.join(dir, 'logs', 'locked');
    const secret = path.join(dir, 'logs', 'z-secret.log');
    denied.add(locked);
    denied.add(secret);
    try {
      const r = await runCli('ingest', '--no-progress', '--json', '-d', data, path.join(dir, 'logs'));
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      const s = JSON.parse(r.out) as {
        rows: number;
        byStatus: Record<string, number>;
        outcomes: { path: string; status: string; reason?: string; message?: string }[];
      };
      expect(s.rows).toBe(2);
      expect(s.byStatus['unreadable']).toBe(3);
      const by = new Map(s.outcomes.map((o) => [path.basename(o.path), o]));
      expect(by.get('locked')).toMatchObject({ status: 'unreadable' });
      expect(by.get('locked')?.reason).toMatch(/cannot list the folder: EACCES/);
      expect(by.get('z-secret.log')).toMatchObject({ status: 'unreadable' });
      expect(by.get('z-secret.log')?.reason).toMatch(/EACCES/);
      expect(by.get('broken.log')?.reason).toMatch(/broken symbolic link/);
      // A FIFO in a walk is not opened (it could block forever): it is listed as skipped.
      expect(by.get('pipe.log')).toMatchObject({ status: 'skipped' });
      expect(by.get('pipe.log')?.reason).toMatch(/a FIFO, not a regular file/);
    } finally {
      denied.clear();
    }
  });

  it('M1: the terminal summary names each unreadable entry as a warning', async () => {
    denied.add(path.join(dir, 'logs', 'locked'));
    try {
      const r = await runCli(
        'ingest',
        '--no-progress',
        '-d',
        path.join(dir, 'data2'),
        path.join(dir, 'logs'),
      );
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `warning: skipped ${path.join(dir, 'logs', 'locked')}: cannot list the folder: EACCES`,
      );
      expect(r.out).toMatch(/rows: {2}3 /);
    } finally {
      denied.clear();
    }
  });

  it.skipIf(isRoot)(
    'M1: a real chmod 000 folder is skipped (skipped as root, where it blocks nothing)',
    async () => {
      const locked = path.join(dir, 'logs', 'locked');
      chmodSync(locked, 0o000);
      try {
        const r = await runCli(
          'ingest',
          '--no-progress',
          '--json',
          '-d',
          path.join(dir, 'data3'),
          path.join(dir, 'logs'),
        );
        expect(r.code).toBe(1);
        expect(r.out).toMatch(/cannot list the folder: EACCES/);
      } finally {
        chmodSync(locked, 0o755);
      }
    },
  );
});
