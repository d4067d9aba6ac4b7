import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.js';
import { plural } from './plural.js';

describe('plural', () => {
  it('says "1 hour", never "1 hours"', () => {
    expect(plural(1, 'hour')).toBe('1 hour');
    expect(plural(0, 'hour')).toBe('0 hours');
    expect(plural(2, 'day')).toBe('2 days');
    expect(plural(1500, 'connection')).toBe('1,500 connections');
    expect(plural(1, 'address', 'addresses')).toBe('1 address');
  });
});

describe('formatBytes', () => {
  it('uses decimal units everywhere (terminal, reports, sentences)', () => {
    expect([0, 999, 1000, 1500, 9_949, 25e6, 64 * 1024 * 1024, 4.1e9].map(formatBytes)).toEqual([
      '0 B',
      '999 B',
      '1.0 kB',
      '1.5 kB',
      '9.9 kB',
      '25 MB',
      '67 MB',
      '4.1 GB',
    ]);
  });
});
