import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zeekEscape } from '../sim/log/zeek-values.js';
import {
  isoToMicros,
  parseBool,
  parseCount,
  parseEpochMicros as parseEpoch,
  parsePort,
  unescapeZeek,
} from './zeek-values.js';

/** As bigint, whichever the parser returned (it returns numbers when they are exact). */
const parseEpochMicros = (t: string) => {
  const v = parseEpoch(t);
  return v === null ? null : BigInt(v);
};

describe('zeek values', () => {
  it('parses epoch seconds exactly', () => {
    expect(parseEpochMicros('1713484795.943239')).toBe(1713484795943239n);
    expect(parseEpochMicros('19.981745')).toBe(19981745n);
    expect(parseEpochMicros('XXXXXXXXXX.XXXXXX')).toBeNull();
  });
  it('parses ISO-8601 with offsets and sub-millisecond digits', () => {
    expect(isoToMicros('2021-06-06T15:59:46.457984+0200')).toBe(
      BigInt(Date.parse('2021-06-06T13:59:46Z')) * 1000n + 457984n,
    );
    expect(isoToMicros('2020-01-01T00:00:00Z')).toBe(1577836800000000n);
    expect(isoToMicros('yesterday')).toBeNull();
  });
  it('validates counts, ports and booleans', () => {
    expect(parseCount('18446744073709551615')).toBe(18446744073709551615n);
    expect(parseCount('42')).toBe(42);
    expect(parseCount('+4.5e1')).toBe(45n);
    expect(parseCount('18446744073709551616')).toBeNull();
    expect(parseCount('-1')).toBeNull();
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('65536')).toBeNull();
    expect(parseBool('T')).toBe(true);
    expect(parseBool('maybe')).toBeNull();
  });
  it('decodes \\x escapes into UTF-8', () => {
    expect(unescapeZeek('a\\x09b')).toBe('a\tb');
    expect(unescapeZeek('\\xe2\\x80\\x99')).toBe('\u2019');
    expect(unescapeZeek('plain')).toBe('plain');
  });
  it('decodes escapes left to right, a doubled backslash first', () => {
    // A literal "\x0d" is written \\x0d by Zeek: one backslash, then text, never a CR.
    expect(unescapeZeek('\\\\x0d')).toBe('\\x0d');
    expect(unescapeZeek('\\\\\\\\')).toBe('\\\\');
    expect(unescapeZeek('\\\\\\x41')).toBe('\\A');
    expect(unescapeZeek('..\\\\..\\\\boot.ini')).toBe('..\\..\\boot.ini');
    expect(unescapeZeek('O=Stack Exchange\\\\, Inc.')).toBe('O=Stack Exchange\\, Inc.');
    expect(unescapeZeek('\\x5c')).toBe('\\');
    expect(unescapeZeek('\\x5cx41')).toBe('\\x41');
  });
  it('keeps a backslash that starts no escape', () => {
    expect(unescapeZeek('trailing\\')).toBe('trailing\\');
    expect(unescapeZeek('\\d+')).toBe('\\d+');
    expect(unescapeZeek('\\x4')).toBe('\\x4');
    expect(unescapeZeek('\\xzz\\x41')).toBe('\\xzzA');
  });
  it('reads multibyte text and escaped bytes as UTF-8', () => {
    expect(unescapeZeek('caf\u00e9 \\\\ \u{1f600}\\x09')).toBe('caf\u00e9 \\ \u{1f600}\t');
    expect(unescapeZeek('\\xc3\\xa9')).toBe('\u00e9');
    expect(unescapeZeek('a\\xffb')).toBe('a\ufffdb');
    expect(unescapeZeek('\\x2d')).toBe('-');
    expect(unescapeZeek('\\x28empty)')).toBe('(empty)');
  });
  it("undoes what Zeek's writer escapes (fuzz)", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.boolean(), (s, inSet) => {
        fc.pre(s !== '');
        expect(unescapeZeek(zeekEscape(s, inSet))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
  it('never throws on arbitrary text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        parseEpochMicros(s);
        isoToMicros(s);
        parseCount(s);
        parsePort(s);
        expect(typeof unescapeZeek(s)).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
  it('round-trips any microsecond timestamp (fuzz)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n }), (us) => {
        const text = `${us / 1_000_000n}.${String(us % 1_000_000n).padStart(6, '0')}`;
        expect(parseEpochMicros(text)).toBe(us);
      }),
    );
  });
});
