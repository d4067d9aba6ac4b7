import { describe, expect, it } from 'vitest';
import { endRtlRuns, visibleLines, visibleText } from './visible-text.js';

describe('visibleText', () => {
  it('M7: bidi controls become visible escapes instead of reordering the text', () => {
    const bidi = [
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x61c,
    ];
    for (const code of bidi) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      expect(visibleText(`a${String.fromCodePoint(code)}b`)).toBe(`a\\u${hex}b`);
    }
    expect(visibleText('evil\u202Egnp.exe 203.0.113.79 · 443')).toBe('evil\\u202Egnp.exe 203.0.113.79 · 443');
  });

  it('terminal escapes: C0, DEL and C1 controls are written out, so ESC ] and CSI cannot reach a terminal', () => {
    expect(visibleText('x\u001b]0;pwned\u0007\u001b[2J')).toBe('x\\u001B]0;pwned\\u0007\\u001B[2J');
    expect(visibleText('\u0000\u007f\u0080\u009b\u0085')).toBe('\\u0000\\u007F\\u0080\\u009B\\u0085');
    expect(visibleText('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
  });

  it('M7: zero-width and invisible characters, separators, tags and lone surrogates are shown', () => {
    expect(visibleText('g\u200Boo\u200Cg\u200Dle\uFEFF\u00AD')).toBe(
      'g\\u200Boo\\u200Cg\\u200Dle\\uFEFF\\u00AD',
    );
    expect(visibleText('x\u2028y\u2029z\u2060')).toBe('x\\u2028y\\u2029z\\u2060');
    expect(visibleText('tag\u{E0041}\u{E007F}')).toBe('tag\\u{E0041}\\u{E007F}');
    expect(visibleText('half\uD800!')).toBe('half\\uD800!');
    expect(visibleText('\u3164\u115F')).toBe('\\u3164\\u115F');
  });

  it('leaves visible text alone: letters of any script, emoji, spaces and backslashes', () => {
    const plain = '東京.example مثال.example Ωμέγα 😀 C:\\logs\\conn.log a b';
    expect(visibleText(plain)).toBe(plain);
  });

  it('visibleLines keeps our line feeds and escapes the rest', () => {
    expect(visibleLines('one\ntwo\u202E\r\u001b[2J')).toBe('one\ntwo\\u202E\\r\\u001B[2J');
  });

  it('M7: endRtlRuns ends each right-to-left phrase with a mark, keeping phrases whole', () => {
    expect(endRtlRuns('שלום 203.0.113.79 · 443', '|')).toBe('שלום| 203.0.113.79 · 443');
    expect(endRtlRuns('a שלום עולם b مثال 1', '|')).toBe('a שלום עולם| b مثال| 1');
    expect(endRtlRuns('plain.example 10.0.0.1', '|')).toBe('plain.example 10.0.0.1');
  });
});
