// The APT implant's timing as the logs show it: gaps within ±jitter of the interval, nothing while it
// sleeps (night and weekend in the operator's zone), and the first beacon after waking up.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAsleep } from '../../src/sim/intrusions/apt-schedule.js';
import type { SimTruth } from '../../src/sim/labels.js';
import { simulate } from '../../src/sim/simulate.js';
import { readLog, tempDir } from './sim-helpers.js';

const dir = tempDir('beacon');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const interval = 600;
const jitter = 0.3;
const tz = 8 * 60;

async function beacons(
  name: string,
  sleep: 'none' | 'night+weekend',
): Promise<{ truth: SimTruth; times: number[] }> {
  const out = path.join(dir, name);
  const truth = await simulate({
    out,
    scenario: 'apt',
    hosts: 0,
    infected: 1,
    c2: 1,
    interval,
    jitter,
    sleep,
    operatorHours: '9-18',
    exfilMb: 0,
    proxyShare: 0,
    start: '2016-06-02T00:00:00Z',
    days: 3,
    seed: 9,
  });
  const apt = truth.intrusions[0];
  const host = apt?.infectedHosts[0]?.ip;
  const ips = new Set(apt?.c2.filter((c) => c.role === 'c2').flatMap((c) => c.ips));
  const times = readLog(out, 'conn')
    .filter((r) => r['id.orig_h'] === host && ips.has(r['id.resp_h'] as string))
    .map((r) => Number(r.ts))
    .sort((a, b) => a - b);
  return { truth, times };
}

/**
 * Gaps between idle beacons next to each other. While the operator works the implant checks in
 * every few seconds; those bursts and the gaps into them are left out.
 */
function idleGaps(times: readonly number[]): [number, number][] {
  const burst = (i: number) =>
    (i > 0 && (times[i] as number) - (times[i - 1] as number) < 60) ||
    (i + 1 < times.length && (times[i + 1] as number) - (times[i] as number) < 60);
  const out: [number, number][] = [];
  for (let i = 1; i < times.length; i++)
    if (!burst(i) && !burst(i - 1)) out.push([times[i - 1] as number, times[i] as number]);
  return out;
}

function sleepsBetween(a: number, b: number): boolean {
  for (let t = a; t < b; t += 60) if (isAsleep(t, 'night+weekend', tz)) return true;
  return false;
}

describe('APT beacon schedule', () => {
  it('without sleep, every gap is the interval ± jitter, around the clock', async () => {
    const { truth, times } = await beacons('awake', 'none');
    expect(truth.backgroundHosts).toBe(0);
    expect(times.length).toBeGreaterThan(300);
    const gaps = idleGaps(times).map(([a, b]) => b - a);
    expect(gaps.length).toBeGreaterThan(200);
    // A lookup before a beacon delays its connection by milliseconds.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(interval * (1 - jitter) - 1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(interval * (1 + jitter) + 1);
    // The jitter is used, not just allowed.
    expect(Math.min(...gaps)).toBeLessThan(interval * (1 - jitter / 2));
    expect(Math.max(...gaps)).toBeGreaterThan(interval * (1 + jitter / 2));
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(Math.abs(mean - interval)).toBeLessThan(interval * 0.05);
  });

  it('with night+weekend sleep, beacons only while awake, and long gaps only across a sleep', async () => {
    const { times } = await beacons('sleepy', 'night+weekend');
    expect(times.length).toBeGreaterThan(20);
    for (const t of times)
      expect(isAsleep(t - 1, 'night+weekend', tz) && isAsleep(t, 'night+weekend', tz), String(t)).toBe(false);
    let sleeps = 0;
    for (const [a, b] of idleGaps(times)) {
      if (sleepsBetween(a, b)) {
        sleeps++;
        expect(b - a).toBeGreaterThan(interval * (1 + jitter));
      } else {
        expect(b - a).toBeGreaterThanOrEqual(interval * (1 - jitter) - 1);
        expect(b - a).toBeLessThanOrEqual(interval * (1 + jitter) + 1);
      }
    }
    expect(sleeps).toBeGreaterThan(0);
    // The weekend in +08:00 begins on Friday at 16:00 UTC.
    expect(times.every((t) => t < Date.parse('2016-06-03T16:00:00Z') / 1000)).toBe(true);
  });
});
