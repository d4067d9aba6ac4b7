import { describe, expect, it } from 'vitest';
import { clipped, displayText, safeHttpUrl } from './display-text.js';
import { uniqueKeys } from './unique-keys.js';

describe('display text of attacker strings', () => {
  it('15.6: ANSI escape sequences are dropped and bidi overrides and controls are shown as escapes', () => {
    expect(displayText('\u001b[31mred\u001b[0m')).toBe('red');
    expect(displayText('\u001b]0;owned\u0007title')).toBe('title');
    expect(displayText('\u202Emoc.live')).toBe('\\u202Emoc.live');
    expect(displayText('a\nb\tc\u0000')).toBe('a\\nb\\tc\\u0000');
    expect(displayText('zero\u200Bwidth')).toBe('zero\\u200Bwidth');
    expect(displayText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('15.6: long values are cut on code points with the whole value kept for the title', () => {
    const long = `${'😀'.repeat(10)}tail`;
    const c = clipped(long, 5);
    expect(c.cut).toBe(true);
    expect(Array.from(c.shown)).toHaveLength(5);
    expect(c.shown.endsWith('…')).toBe(true);
    expect(c.full).toBe(long);
    expect(clipped('short', 10)).toEqual({ shown: 'short', full: 'short', cut: false });
  });

  it('15.6: only http and https URLs become links', () => {
    expect(safeHttpUrl('https://attack.mitre.org/groups/G0045/')).toBe(
      'https://attack.mitre.org/groups/G0045/',
    );
    expect(safeHttpUrl('http://example.org/a b')).toBe('http://example.org/a%20b');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<b>',
      '/relative',
      '//evil.example',
      'vbscript:x',
      '',
      null,
    ]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });

  it('15.6: repeated row keys get a counter so React keys stay unique', () => {
    const keys = uniqueKeys(['a', 'b', 'a', 'a'], (x) => x).map(([k]) => k);
    expect(keys).toEqual(['a', 'b', 'a#2', 'a#3']);
  });
});
