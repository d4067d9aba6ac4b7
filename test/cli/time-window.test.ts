import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { writeConnLog } from '../helpers/zeek-log-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-window-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 2020-09-13T12:00:00Z: 120 lab connections, one a minute, 12:00–13:59 UTC (21:00–22:59 in Tokyo).
const t0 = Date.UTC(2020, 8, 13, 12) / 1000;

beforeAll(async () => {
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  writeConnLog(
    join(logs, 'conn.log'),
    Array.from({ length: 120 }, (_, i) => ({
      ts: t0 + i * 60,
      orig: '10.0.2.15',
      resp: '192.168.56.10',
      port: 8080,
      duration: 0.5,
      out: 300,
      in: 200,
    })),
  );
  expect((await run('ingest', logs, '--data', data, '--no-progress')).code).toBe(0);
}, 60_000);

/** Connections the detection window held, as the internal-traffic hint counts them. */
async function windowConnections(...window: string[]): Promise<number> {
  const r = await run('detect', '--data', data, '--only', 'beaconing', '--json', ...window);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out) as { hints: { connections: number }[] };
  return j.hints.reduce((n, h) => n + h.connections, 0);
}

describe('--from and --to', () => {
  it('M8: a UTC offset is honoured, so 21:00+09:00 is 12:00Z, not 21:00Z', async () => {
    expect(await windowConnections('--from', '2020-09-13T21:00+09:00', '--to', '2020-09-13T23:00+0900')).toBe(
      120,
    );
    expect(await windowConnections('--from', '2020-09-13T12:00:00Z', '--to', '2020-09-13T12:29:59Z')).toBe(
      30,
    );
    // Nothing at 21:00–23:00 UTC: reading the offset as Z would find these 120 there.
    expect(await windowConnections('--from', '2020-09-13T21:00Z', '--to', '2020-09-13T23:00Z')).toBe(0);
  }, 60_000);

  it('--from yesterday, -24h and epoch seconds are accepted forms', async () => {
    expect(await windowConnections('--from', 'yesterday')).toBe(0);
    expect(await windowConnections('--from', '-24h', '--to', 'now')).toBe(0);
    expect(await windowConnections('--from', String(t0), '--to', String(t0 + 3600))).toBe(61);
  }, 60_000);

  it.each([
    ['detect', '--from', 'yesterdayy'],
    ['detect', '--to', "2020-09-13' OR 1=1 --"],
    ['detect', '--from', '2016-02-30'],
    ['hunt', '--from', 'soon'],
    ['hunt', '--to', '2020-13-01'],
    ['detect', '--from', '2020-09-13T25:00Z'],
  ])('a bad time is a usage error (exit 2) listing the accepted forms: %s %s %s', async (...args) => {
    const r = await run(...args, '--data', data);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a time .*accepted: YYYY-MM-DD/);
    expect(r.err).not.toMatch(/SELECT|Conversion Error|TIMESTAMP/);
  });

  it('--from after --to is a usage error (exit 2)', async () => {
    const r = await run('detect', '--data', data, '--from', '2020-09-14', '--to', '2020-09-13');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--from 2020-09-14T00:00:00.000Z is after --to 2020-09-13T00:00:00.000Z/);
  });
});

describe('simulate --start', () => {
  it('simulate --start honours an offset and refuses an impossible date, under any TZ', async () => {
    const out = join(dir, 'sim');
    const r = await run(
      'simulate',
      '--out',
      out,
      '--hosts',
      '1',
      '--hours',
      '1',
      '--start',
      '2016-06-01T09:00+09:00',
      '--no-progress',
      '--json',
    );
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { window: { start: string } }).window.start).toBe(
      '2016-06-01T00:00:00.000Z',
    );
    const bad = await run('simulate', '--out', join(dir, 'sim2'), '--start', '2016-02-30');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not a calendar date/);
  }, 60_000);
});
