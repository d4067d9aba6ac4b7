import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'mamori', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.exitCode = undefined;
    log.mockRestore();
    error.mockRestore();
  }
}

describe('mamori CLI', () => {
  it('demo ingests the simulated logs, and a second pass skips them all', async () => {
    const r = await run('demo', '--data', dir, '--hours', '3', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.first.byStatus.ingested).toBe(9);
    expect(j.first.rejects).toBe(0);
    expect(j.first.rowsByTable.conn).toBe(j.truth.rows.conn);
    expect(j.second.byStatus.unchanged).toBe(9);
    expect(j.second.rows).toBe(0);
  });

  it('stats and query read the store; query refuses writes with exit code 1', async () => {
    const s = await run('stats', '--data', dir, '--json');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).sensors[0].sensor).toBe('demo-office');
    const q = await run('query', '--data', dir, '--format', 'csv', 'SELECT count(*) AS n FROM http');
    expect(q.out.split('\n')[0]).toBe('n');
    const w = await run('query', '--data', dir, 'DROP TABLE conn');
    expect(w.code).toBe(1);
    expect(w.err).toMatch(/read-only/);
  });

  it('names the file and the expected formats for input that is not telemetry', async () => {
    const { writeFileSync } = await import('node:fs');
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 254, 10, 42]));
    const r = await run('ingest', '--data', dir, '--json', junk);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.outcomes[0].message).toContain(junk);
    expect(j.outcomes[0].message).toMatch(/Zeek TSV.*Suricata EVE/);
  });
});
