import { describe, expect, it } from 'vitest';
import type { MamoriError } from '../errors.js';
import { checkTimeWindow, parseTimeOption } from './time-option.js';

const now = new Date('2026-12-07T14:13:12.000Z');
const parse = (v: string) => parseTimeOption('--from', v, now);

describe('parseTimeOption', () => {
  it.each([
    ['2016-06-02', '2016-06-02T00:00:00.000Z'],
    ['2016-06-02T14:00', '2016-06-02T14:00:00.000Z'],
    ['2016-06-02 14:00:05', '2016-06-02T14:00:05.000Z'],
    ['2016-06-02T14:00Z', '2016-06-02T14:00:00.000Z'],
    ['2016-06-02T14:00+09:00', '2016-06-02T05:00:00.000Z'],
    ['2016-06-02T14:00:30.25+0900', '2016-06-02T05:00:30.250Z'],
    ['2016-06-02T02:00-05', '2016-06-02T07:00:00.000Z'],
    ['2016-06-02T00:30+01:00', '2016-06-01T23:30:00.000Z'],
    ['2016-02-29', '2016-02-29T00:00:00.000Z'],
    ['1464825600', '2016-06-02T00:00:00.000Z'],
    ['1464825600.5', '2016-06-02T00:00:00.500Z'],
    ['now', '2026-12-07T14:13:12.000Z'],
    ['today', '2026-12-07T00:00:00.000Z'],
    ['Yesterday', '2026-12-06T00:00:00.000Z'],
    ['24h', '2026-12-06T14:13:12.000Z'],
    ['-24h', '2026-12-06T14:13:12.000Z'],
    ['7d', '2026-11-30T14:13:12.000Z'],
    ['90m', '2026-12-07T12:43:12.000Z'],
    ['2w', '2026-11-23T14:13:12.000Z'],
  ])('M8: %s is %s (offsets honoured, no offset is UTC)', (value, iso) => {
    expect(parse(value)).toBe(iso);
  });

  it.each([
    '2016-02-30',
    '2015-02-29',
    '2016-13-01',
    '2016-00-10',
    '2016-06-31',
    '2016-06-02T24:00',
    '2016-06-02T14:60',
    '2016-06-02T14:00+19:00',
    '2016-06-02T14:00+09:61',
    '2016-6-2',
    'yesterdayy',
    '',
    '24',
    '1e12',
    "2016-06-02' OR 1=1",
  ])('a bad time is a usage error listing the accepted forms: %j', (value) => {
    expect(() => parse(value)).toThrowError(/is not a time .*accepted: YYYY-MM-DD/);
    try {
      parse(value);
    } catch (err) {
      expect((err as MamoriError).code).toBe('E_USAGE');
    }
  });

  it('--from after --to is a usage error; equal bounds are a window of one instant', () => {
    expect(() => checkTimeWindow({ from: parse('2016-06-03'), to: parse('2016-06-02') })).toThrow(
      /is after --to/,
    );
    expect(() => checkTimeWindow({ from: parse('2016-06-02'), to: parse('2016-06-02') })).not.toThrow();
    expect(() => checkTimeWindow({ from: parse('2016-06-02') })).not.toThrow();
  });
});
