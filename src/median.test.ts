import { describe, expect, it } from 'vitest';
import { median } from './median.js';

describe('14.3 one median', () => {
  it('14.3: takes the middle value, the mean of the two middle ones for an even count, 0 for none', () => {
    expect(median([])).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('14.3: even "upper" takes the upper middle value, one that occurred', () => {
    expect(median([4, 1, 3, 2], { even: 'upper' })).toBe(3);
    expect(median([5, 1, 3], { even: 'upper' })).toBe(3);
    expect(median([], { even: 'upper' })).toBe(0);
  });

  it('14.3: sorts numerically and leaves its input alone', () => {
    const xs = [10, 9, 100, 2];
    expect(median(xs)).toBe(9.5);
    expect(xs).toEqual([10, 9, 100, 2]);
  });
});
