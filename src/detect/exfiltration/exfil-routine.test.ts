import { describe, expect, it } from 'vitest';
import { defaultExfilConfig } from './exfil-config.js';
import { routineOf, transfers } from './exfil-routine.js';
import { exfilScore } from './exfil-score.js';

const H = 3600;
// Wednesday 2016-06-01 00:00 UTC.
const wed = Date.parse('2016-06-01T00:00:00Z') / 1000;
const cfg = defaultExfilConfig;

/** A pair series from [hours since `wed`, bytes] entries. */
const series = (entries: readonly [number, number][]) => new Map(entries.map(([h, b]) => [wed + h * H, b]));

/** A ~650 MB backup starting at 01:00 on each given night, spilling a little into 02:00. */
const backup = (nights: readonly number[], size = (_: number) => 650e6) =>
  series(
    nights.flatMap((d) => [
      [d * 24 + 1, size(d) * 0.9],
      [d * 24 + 2, size(d) * 0.1],
    ]),
  );

describe('13.1 routine volume', () => {
  it('13.1: the same host uploading a similar volume at the same hour on two nights is routine', () => {
    const r = routineOf(
      backup([0, 1], (d) => (d === 0 ? 620e6 : 700e6)),
      cfg,
    );
    expect(r.routine).toBe(true);
    expect(r.transfers).toHaveLength(2);
    expect(r.usualHour).toBe(1);
    // Three weekday nights, and a weekend without one, are still routine.
    expect(routineOf(backup([0, 1, 2, 5]), cfg).routine).toBe(true);
  });

  it('13.1: a nightly upload that begins days after the host was first seen is new, not routine', () => {
    // The host is seen from the first hour; the uploads start on the fifth night and repeat.
    const nightly = backup([4, 5, 6]);
    expect(routineOf(nightly, cfg).routine).toBe(true);
    expect(routineOf(nightly, cfg, wed).routine).toBe(false);
    // The same uploads already running when the sensor first saw the host are its baseline.
    expect(routineOf(backup([0, 1, 2]), cfg, wed).routine).toBe(true);
  });

  it('13.1: a one-off large upload is not routine', () => {
    expect(
      routineOf(
        series([
          [26, 500e6],
          [27, 300e6],
        ]),
        cfg,
      ).routine,
    ).toBe(false);
    expect(routineOf(new Map(), cfg).routine).toBe(false);
  });

  it('13.1: a nightly upload that suddenly grows several-fold is not routine', () => {
    const r = routineOf(
      backup([0, 1, 2], (d) => (d === 2 ? 3e9 : 650e6)),
      cfg,
    );
    expect(r.transfers).toHaveLength(3);
    expect(r.routine).toBe(false);
  });

  it('13.1: one upload across midnight is one transfer, and uploads at different hours are not a routine', () => {
    expect(
      transfers(
        series([
          [23, 300e6],
          [24, 300e6],
        ]),
        cfg,
      ),
    ).toHaveLength(1);
    expect(
      routineOf(
        series([
          [23, 300e6],
          [24, 300e6],
        ]),
        cfg,
      ).routine,
    ).toBe(false);
    // 01:00 one night, 13:00 the next.
    expect(
      routineOf(
        series([
          [1, 600e6],
          [37, 600e6],
        ]),
        cfg,
      ).routine,
    ).toBe(false);
    // Two uploads on the same night, hours apart, are not one a night.
    expect(
      routineOf(
        series([
          [1, 600e6],
          [5, 600e6],
        ]),
        cfg,
      ).routine,
    ).toBe(false);
  });

  it('13.1: small traffic between the nightly uploads does not join them into one transfer', () => {
    const pair = backup([0, 1]);
    for (let h = 3; h < 25; h++) pair.set(wed + h * H, 50e3);
    expect(routineOf(pair, cfg).routine).toBe(true);
  });

  it('13.1: a routine backup scores low and is marked routine; a grown one stays exfiltration', () => {
    const evidence = (pair: Map<number, number>) => ({
      bytesOut: [...pair.values()].reduce((a, b) => a + b, 0),
      bytesIn: 20e3,
      pair,
      host: pair,
      prevalence: 1,
      internalHosts: 300,
    });
    // The second night is the larger: its 11 hours either side touch both days, so no other day is left
    // to compare with (novelty unknown), as in the demo's two days.
    const routine = exfilScore(evidence(backup([0, 1], (d) => (d === 0 ? 620e6 : 700e6))));
    expect(routine.novelty).toBeNull();
    expect(routine.stats['routine']).toBe(1);
    expect(routine.score).toBeLessThan(0.5);
    // Still listed: the score without the routine discount is what minScore is compared with.
    expect(routine.gate).toBeGreaterThan(routine.score);
    const grown = exfilScore(evidence(backup([0, 1, 2], (d) => (d === 2 ? 3e9 : 650e6))));
    expect(grown.stats['routine']).toBe(0);
    expect(grown.score).toBeGreaterThanOrEqual(0.5);
    const once = exfilScore(evidence(series([[2, 650e6]])));
    expect(once.stats['routine']).toBe(0);
    expect(once.score).toBeGreaterThan(routine.score);
  });
});
