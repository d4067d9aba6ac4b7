import { describe, expect, it } from 'vitest';
import { clip } from './clip.js';

describe('14.3 one clip', () => {
  it('14.3: leaves text that fits as it is, and ends cut text with … within max (detector explanations)', () => {
    expect(clip('short')).toBe('short');
    expect(clip('x'.repeat(100))).toBe('x'.repeat(100));
    expect(clip('x'.repeat(101))).toBe(`${'x'.repeat(99)}…`);
    expect(clip('abcdef', 4)).toBe('abc…');
  });

  it('14.3: with mark "..." keeps max − 3 characters (intel problem messages stay ASCII)', () => {
    const long = 'y'.repeat(81);
    expect(clip('y'.repeat(80), 80, { mark: '...' })).toBe('y'.repeat(80));
    expect(clip(long, 80, { mark: '...' })).toBe(`${'y'.repeat(77)}...`);
    expect(clip(long, 80, { mark: '...' })).toHaveLength(80);
  });

  it('14.3: counts UTF-16 units by default and code points when asked, never splitting a pair then', () => {
    expect(clip('😀😀😀', 2, { codePoints: true })).toBe('😀…');
    expect(clip('😀😀', 2, { codePoints: true })).toBe('😀😀');
    expect(clip('😀😀', 4)).toBe('😀😀');
    expect(clip('😀😀😀', 4)).toBe('😀\uD83D…');
  });

  it('14.3: oneLine collapses white space and trims, whether or not the text is cut', () => {
    expect(clip('  ET  MALWARE\n\tbeacon ', 100, { oneLine: true })).toBe('ET MALWARE beacon');
    expect(clip('a  b  c  d', 5, { oneLine: true })).toBe('a b …');
    expect(clip('a \n b', 240, { mark: '...', oneLine: true })).toBe('a b');
  });
});
