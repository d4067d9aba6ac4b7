import { describe, expect, it } from 'vitest';
import {
  formatUtcOffset,
  isWeekend,
  localHour,
  localMidnight,
  localWeekday,
  parseUtcOffset,
} from './time-zone.js';

describe('time zones', () => {
  it('parses and formats fixed UTC offsets', () => {
    expect(parseUtcOffset('+08:00')).toBe(480);
    expect(parseUtcOffset('-05:30')).toBe(-330);
    expect(parseUtcOffset('+0100')).toBe(60);
    expect(parseUtcOffset('UTC')).toBe(0);
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('Asia/Tokyo')).toBeNull();
    expect(parseUtcOffset('+15:00')).toBeNull();
    expect(formatUtcOffset(-330)).toBe('-05:30');
    expect(formatUtcOffset(0)).toBe('+00:00');
  });

  it('gives local hours, weekdays and midnights', () => {
    const t = Date.parse('2016-06-03T20:00:00Z') / 1000; // Friday
    expect(localHour(t, 480)).toBe(4); // Saturday 04:00 in +08:00
    expect(localWeekday(t, 0)).toBe(5);
    expect(localWeekday(t, 480)).toBe(6);
    expect(isWeekend(t, 0)).toBe(false);
    expect(isWeekend(t, 480)).toBe(true);
    expect(localMidnight(Math.floor((t + 480 * 60) / 86_400), 480)).toBe(
      Date.parse('2016-06-03T16:00:00Z') / 1000,
    );
  });
});
