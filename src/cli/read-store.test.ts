import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoScenario } from '../sim/demo-scenario.js';
import { runCli } from './run-cli.test-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-read-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reads beside ingest --follow', () => {
  it('15.1: ingest --follow writes server.json and answers snapshots, so stats works and a second writer is refused by name', async () => {
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    writeDemoScenario({ dir: logs, hours: 2 });
    const data = join(dir, 'data');
    const following = runCli('ingest', '--data', data, '--follow', '--interval', '0.2', '--json', logs);
    const serverFile = join(data, 'server.json');
    for (let i = 0; i < 200 && !existsSync(serverFile); i++) await sleep(50);
    const owner = JSON.parse(readFileSync(serverFile, 'utf8'));
    expect(owner).toMatchObject({ kind: 'ingest-follow', pid: process.pid });
    expect(owner.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Let the first scan commit something.
    await sleep(1500);
    const stats = await runCli('stats', '--data', data, '--json');
    expect(stats.code).toBe(0);
    expect(stats.err).toContain('reading a snapshot of the live store as of');
    expect(
      JSON.parse(stats.out).tables.find((t: { table: string }) => t.table === 'conn').rows,
    ).toBeGreaterThan(0);
    const second = await runCli('ingest', '--data', data, logs);
    expect(second.code).toBe(75);
    expect(second.err).toContain(
      `owned by mamori ingest --follow (pid ${process.pid}, ${owner.url}): stop it (Ctrl-C) first`,
    );
    process.emit('SIGINT');
    expect((await following).code).toBe(0);
    expect(existsSync(serverFile)).toBe(false);
  });
});
