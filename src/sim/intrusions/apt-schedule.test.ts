import { describe, expect, it } from 'vitest';
import { inOperatorHours, isAsleep, nextBeacon, wakeTime } from './apt-schedule.js';

const at = (iso: string) => Date.parse(iso) / 1000;
const plus8 = 480;

describe('apt schedule', () => {
  it('sleeps 22:00–07:00 and at weekends in the given zone', () => {
    // 2016-06-01 is a Wednesday.
    expect(isAsleep(at('2016-06-01T14:00:00Z'), 'night', plus8)).toBe(true); // 22:00 local
    expect(isAsleep(at('2016-06-01T13:59:00Z'), 'night', plus8)).toBe(false);
    expect(isAsleep(at('2016-06-01T23:00:00Z'), 'night', plus8)).toBe(false); // 07:00 local
    expect(isAsleep(at('2016-06-01T14:00:00Z'), 'none', plus8)).toBe(false);
    expect(isAsleep(at('2016-06-03T16:00:00Z'), 'weekend', plus8)).toBe(true); // Saturday 00:00 local
    expect(isAsleep(at('2016-06-03T15:59:00Z'), 'weekend', plus8)).toBe(false);
    expect(isAsleep(at('2016-06-05T15:59:00Z'), 'weekend', plus8)).toBe(true); // Sunday 23:59 local
  });

  it('wakes at 07:00, or on Monday 07:00 after a weekend with night sleep too', () => {
    expect(wakeTime(at('2016-06-01T15:00:00Z'), 'night', plus8)).toBe(at('2016-06-01T23:00:00Z'));
    expect(wakeTime(at('2016-06-01T20:00:00Z'), 'night', plus8)).toBe(at('2016-06-01T23:00:00Z'));
    expect(wakeTime(at('2016-06-04T03:00:00Z'), 'weekend', plus8)).toBe(at('2016-06-05T16:00:00Z'));
    expect(wakeTime(at('2016-06-04T03:00:00Z'), 'night+weekend', plus8)).toBe(at('2016-06-05T23:00:00Z'));
    const awake = at('2016-06-01T03:00:00Z');
    expect(wakeTime(awake, 'night+weekend', plus8)).toBe(awake);
  });

  it('knows working hours, across midnight too', () => {
    expect(inOperatorHours(at('2016-06-01T01:00:00Z'), plus8, [9, 18])).toBe(true);
    expect(inOperatorHours(at('2016-06-01T10:00:00Z'), plus8, [9, 18])).toBe(false);
    expect(inOperatorHours(at('2016-06-04T01:00:00Z'), plus8, [9, 18])).toBe(false); // Saturday
    expect(inOperatorHours(at('2016-06-01T15:00:00Z'), plus8, [22, 3])).toBe(true);
  });

  it('moves the next beacon by at most ±jitter × interval', () => {
    expect(nextBeacon(100, 300, 0.2, 0)).toBe(340);
    expect(nextBeacon(100, 300, 0.2, 0.5)).toBe(400);
    expect(nextBeacon(100, 300, 0.2, 1)).toBeCloseTo(460);
  });
});
