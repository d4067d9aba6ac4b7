import { describe, expect, it } from 'vitest';
import { longScore } from './long-score.js';

describe('long-connection score', () => {
  it('grows with the longest session and with the total, reaching the threshold at half the full length', () => {
    expect(longScore(60, 600)).toBeLessThan(0.05);
    expect(longScore(6 * 3600, 6 * 3600)).toBe(0.5);
    expect(longScore(13 * 3600, 13 * 3600)).toBe(1);
    expect(longScore(600, 24 * 3600)).toBe(0.75);
  });

  it('fades for a server most of the network holds connections to', () => {
    expect(longScore(13 * 3600, 13 * 3600, 0.2)).toBe(1);
    expect(longScore(13 * 3600, 13 * 3600, 0.65)).toBe(0.5);
    expect(longScore(13 * 3600, 13 * 3600, 1)).toBe(0);
  });
});
