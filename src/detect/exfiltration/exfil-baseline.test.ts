import { describe, expect, it } from 'vitest';
import { baseline, hourSeries, isOffHours, localDay } from './exfil-baseline.js';
import { defaultWorkingHours } from './exfil-config.js';

const H = 3600;
// Tuesday 2024-04-02 00:00 UTC.
const tue = Date.parse('2024-04-02T00:00:00Z') / 1000;
const w = defaultWorkingHours;

describe('working hours', () => {
  it('are 08–18 on weekdays by default, in the sensor clock shifted by the offset', () => {
    expect(isOffHours(tue + 7 * H, w)).toBe(true);
    expect(isOffHours(tue + 8 * H, w)).toBe(false);
    expect(isOffHours(tue + 17 * H, w)).toBe(false);
    expect(isOffHours(tue + 18 * H, w)).toBe(true);
    // Saturday noon.
    expect(isOffHours(tue + 4 * 24 * H + 12 * H, w)).toBe(true);
    expect(isOffHours(tue + 4 * 24 * H + 12 * H, { ...w, weekendsOff: false })).toBe(false);
    // 06:00 UTC is 09:00 at UTC+3.
    expect(isOffHours(tue + 6 * H, { ...w, utcOffsetMinutes: 180 })).toBe(false);
  });

  it('handle a shift across midnight', () => {
    const night = { ...w, start: 22, end: 6 };
    expect(isOffHours(tue + 23 * H, night)).toBe(false);
    expect(isOffHours(tue + 3 * H, night)).toBe(false);
    expect(isOffHours(tue + 12 * H, night)).toBe(true);
  });

  it('count local days', () => {
    expect(localDay(tue + 23 * H, w)).toBe(localDay(tue, w));
    expect(localDay(tue + 23 * H, { ...w, utcOffsetMinutes: 120 })).toBe(localDay(tue, w) + 1);
  });
});

describe('baseline', () => {
  it('sees a one-off night upload against a day worker with three days of history', () => {
    const host = new Map<number, number>();
    for (let d = 0; d < 3; d++) for (let h = 8; h < 18; h++) host.set(tue + (d * 24 + h) * H, 2e6);
    const pair = hourSeries([tue + 26 * H, tue + 27 * H], [500e6, 300e6]);
    for (const [h, b] of pair) host.set(h, (host.get(h) ?? 0) + b);
    const b = baseline(pair, host, w);
    expect(b.peakHour).toBe(tue + 26 * H);
    expect(b.peakBytes).toBe(500e6);
    expect(b.usualHour).toBe(2e6);
    expect(b.offShare).toBe(1);
    expect(b.hostOffShare).toBe(0);
    expect(b.burstBytes).toBe(800e6);
    // Day 1 and the day before are touched by the burst; day 2 is the other day, with nothing sent there.
    expect(b.otherDays).toBe(1);
    expect(b.usualDay).toBe(0);
  });

  it('sees a nightly backup as the same volume on the other days, and has no other day in one day of logs', () => {
    const pair = new Map<number, number>();
    for (let d = 0; d < 4; d++) pair.set(tue + (d * 24 + 1) * H, 400e6);
    const b = baseline(pair, pair, w);
    expect(b.usualDay).toBe(400e6);
    expect(b.burstBytes).toBe(400e6);
    const one = baseline(hourSeries([tue + H], [400e6]), hourSeries([tue + H], [400e6]), w);
    expect(one.usualDay).toBeNull();
    expect(one.usualHour).toBe(400e6);
  });
});

describe('host habits', () => {
  it('are not set by other bursts of the same night, but by what the host does every hour', () => {
    const host = new Map<number, number>();
    for (let h = 8; h < 18; h++) host.set(tue + h * H, 2e6);
    // Five 300 MB uploads in the same night hour: the other four must not make the host nocturnal.
    host.set(tue + 25 * H, 1.5e9);
    const b = baseline(hourSeries([tue + 25 * H], [300e6]), host, w);
    expect(b.hostOffShare).toBeLessThan(0.25);
    // A server sending the same every hour is as much a night worker as a day one.
    const server = new Map<number, number>();
    for (let h = 0; h < 48; h++) server.set(tue + h * H, 50e6);
    const s = baseline(hourSeries([tue + 30 * H], [10e6]), server, w);
    expect(s.hostOffShare).toBeCloseTo(28 / 48, 1);
  });
});

describe('even spread', () => {
  it('is the off-hours share of the hours between the host first and last traffic', () => {
    const host = hourSeries([tue, tue + 23 * H], [1, 1]);
    expect(baseline(host, host, w).evenOffShare).toBeCloseTo(14 / 24, 3);
  });
});
