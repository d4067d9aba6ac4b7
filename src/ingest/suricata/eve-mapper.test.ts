import { describe, expect, it } from 'vitest';
import { seconds } from './eve-mapper.js';

describe('EVE flow durations', () => {
  it('keep the microseconds Suricata writes', () => {
    expect(seconds('2021-06-06T15:59:46.457984+0200', '2021-06-06T15:59:47.458985+0200')).toBe(1.001001);
    expect(seconds('2021-06-06T15:59:46.000001+0200', '2021-06-06T15:59:46.000002+0200')).toBe(0.000001);
    // Offsets on either side are honoured.
    expect(seconds('2021-06-06T13:59:46.5Z', '2021-06-06T15:59:47.25+0200')).toBe(0.75);
  });
  it('are null when a time is missing or unreadable', () => {
    expect(seconds(undefined, '2021-06-06T15:59:46Z')).toBeNull();
    expect(seconds('yesterday', '2021-06-06T15:59:46Z')).toBeNull();
  });
});
