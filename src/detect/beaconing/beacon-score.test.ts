import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../sim/random.js';
import { beaconScore, beaconScoreMerged, mergeBursts } from './beacon-score.js';

const day = 86400;

function beacon(interval: number, jitter: number, seconds: number, sleepNights = false, seed = 1) {
  const rnd = seededRandom(seed);
  const times: number[] = [];
  for (let t = 0; t < seconds; t += interval * (1 + jitter * (2 * rnd() - 1))) {
    const hour = Math.floor((t % day) / 3600);
    if (sleepNights && (hour < 7 || hour >= 19)) continue;
    times.push(t);
  }
  return times;
}

function poisson(mean: number, seconds: number, seed = 2) {
  const rnd = seededRandom(seed);
  const times: number[] = [];
  for (let t = 0; t < seconds; t += -Math.log(1 - rnd()) * mean) times.push(t);
  return times;
}

const sizes = (n: number, base: number, spread: number, seed = 3) => {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () => Math.round(base * (1 + spread * (2 * rnd() - 1))));
};

describe('beacon score', () => {
  it('scores beacons high at 0%, 30% and 50% jitter, over days, with nights off', () => {
    for (const jitter of [0, 0.3, 0.5]) {
      const t = beacon(300, jitter, 3 * day, true);
      const { score, stats } = beaconScore(t, sizes(t.length, 420, 0.05), 0.01);
      expect(score, `jitter ${jitter}`).toBeGreaterThan(0.8);
      expect(stats.days).toBe(3);
    }
  });

  it('scores random and bursty human traffic low', () => {
    const t = poisson(600, 2 * day);
    expect(beaconScore(t, sizes(t.length, 900, 0.9), 0.01).score).toBeLessThan(0.45);
    const burst = [...beacon(20, 0.5, 1800), ...beacon(20, 0.5, 1800).map((x) => x + 5 * 3600)];
    expect(beaconScore(burst, sizes(burst.length, 900, 0.9), 0.01).score).toBeLessThan(0.6);
  });

  it('few connections and a destination most hosts use are scaled down', () => {
    const few = beacon(300, 0.1, 1800);
    expect(beaconScore(few, sizes(few.length, 420, 0), 0.01).score).toBeLessThan(0.6);
    const t = beacon(300, 0.1, day);
    const rare = beaconScore(t, sizes(t.length, 420, 0), 0.01).score;
    const common = beaconScore(t, sizes(t.length, 420, 0), 0.9).score;
    expect(common).toBeLessThan(rare / 3);
  });

  it('finds the schedule under interactive bursts once they are merged', () => {
    const checkins = beacon(1800, 0.5, 3 * day, false, 5);
    const burst = [day, 2 * day].flatMap((d) => poisson(12, 5400, 9).map((x) => d + 3 * 3600 + x));
    const t = [...checkins, ...burst].sort((a, b) => a - b);
    const z = sizes(t.length, 600, 0.6);
    expect(beaconScore(t, z, 0.01).score).toBeLessThan(0.5);
    const merged = beaconScoreMerged(t, z, 0.01);
    expect(merged.score).toBeGreaterThan(0.6);
    expect(merged.stats.mergedWithin).toBeGreaterThan(0);
    expect(merged.stats.medianInterval).toBeGreaterThan(900);
    expect(mergeBursts([0, 10, 20, 400, 410], [1, 2, 3, 4, 5], 60)).toEqual({
      times: [0, 400],
      sizes: [1, 4],
    });
  });
});
