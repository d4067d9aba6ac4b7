import { describe, expect, it } from 'vitest';
import type { BeaconStats } from './beacon-score.js';
import { fleetTimers, type TimedSeries } from './fleet-timer.js';

function timer(host: string, interval: number, reach: number, size = 0, gapSpread = 0.005): TimedSeries {
  const stats = { medianInterval: interval, gapSpread } as BeaconStats;
  return { host, server: 'update.vendor.example', stats, medianSize: size, reach };
}

describe('fleet timers', () => {
  it('takes three hosts on the same precise timer and request for installed software', () => {
    const f = fleetTimers([timer('a', 3600, 3), timer('b', 3610, 3), timer('c', 3590, 3)]);
    expect(f.get('a|update.vendor.example')).toEqual({ peers: 3, reach: 3 });
  });

  it('takes one precise timer to a server many hosts reach for installed software', () => {
    const f = fleetTimers([timer('a', 14_400, 29)]);
    expect(f.get('a|update.vendor.example')).toEqual({ peers: 1, reach: 29 });
  });

  it('leaves two infected hosts on their own server alone', () => {
    expect(fleetTimers([timer('a', 60, 2), timer('b', 60, 2)]).size).toBe(0);
  });

  it('needs the same interval and request size, and a precise timer', () => {
    expect(fleetTimers([timer('a', 3600, 3), timer('b', 1800, 3), timer('c', 3600, 3, 500)]).size).toBe(0);
    expect(fleetTimers([timer('a', 3600, 9, 0, 0.2)]).size).toBe(0);
  });
});
