import { describe, expect, it } from 'vitest';
import { newness, persistence, rareScore, rarity } from './rare-score.js';

const hour = 3_600_000;
const day = 24 * hour;

describe('rarity', () => {
  it('is full for one host, less for two or three, none beyond or for most of a small network', () => {
    expect(rarity(1, 500)).toBe(1);
    expect(rarity(2, 500)).toBe(0.85);
    expect(rarity(3, 500)).toBe(0.7);
    expect(rarity(4, 500)).toBe(0);
    expect(rarity(2, 3)).toBe(0);
    expect(rarity(1, 1)).toBe(1);
  });
});

describe('persistence', () => {
  it('needs contact spread over many clock hours', () => {
    expect(persistence(4)).toBe(0);
    expect(persistence(10)).toBe(0.5);
    expect(persistence(16)).toBe(1);
    expect(persistence(24)).toBe(1);
  });
});

describe('newness', () => {
  it('grows with the history before the first sighting and ignores long-known endpoints', () => {
    expect(newness(2 * day, 0, 2 * day)).toBe(1);
    expect(newness(day, 0, day)).toBe(0.5);
    expect(newness(11 * hour, 0, 11 * hour)).toBe(0);
    expect(newness(0, 0, 3 * day)).toBe(0);
    expect(newness(2 * day, 0, 20 * day)).toBe(0);
    expect(newness(2 * day, null, 2 * day)).toBe(0);
  });
});

describe('rare-destination score', () => {
  it('keeps single signals under the reporting floor and needs all three for medium', () => {
    expect(rareScore(1, 0, 0)).toBe(0.15);
    expect(rareScore(1, 0, 1)).toBe(0.25);
    expect(rareScore(1, 1, 0)).toBe(0.45);
    expect(rareScore(1, 1, 1)).toBe(0.7);
    expect(rareScore(0.7, 1, 1)).toBeLessThan(0.5);
    expect(rareScore(1, 0.6, 1)).toBeGreaterThanOrEqual(0.5);
    expect(rareScore(0, 1, 1)).toBe(0);
  });
});
