import { afterEach, describe, expect, it, vi } from 'vitest';
import { printText, renderTable } from './output.js';
import { applyStyles, colourEnabled, paint, setColourOption, terminalWidth } from './terminal.js';
import { wrapText } from './text-wrap.js';

const tty = { isTTY: true, columns: 120 };
const pipe = { isTTY: false };

afterEach(() => {
  setColourOption(true);
  vi.unstubAllEnvs();
});

describe('13.6 colour', () => {
  it('13.6: colour on a terminal only, off with NO_COLOR (any non-empty value) or --no-color, FORCE_COLOR forces it', () => {
    expect(colourEnabled({ env: {}, stream: tty })).toBe(true);
    expect(colourEnabled({ env: {}, stream: pipe })).toBe(false);
    expect(colourEnabled({ env: { NO_COLOR: '1' }, stream: tty })).toBe(false);
    expect(colourEnabled({ env: { NO_COLOR: 'false' }, stream: tty })).toBe(false);
    expect(colourEnabled({ env: { NO_COLOR: '' }, stream: tty })).toBe(true);
    expect(colourEnabled({ env: { FORCE_COLOR: '1' }, stream: pipe })).toBe(true);
    expect(colourEnabled({ env: { FORCE_COLOR: '0' }, stream: tty })).toBe(true);
    expect(colourEnabled({ env: { FORCE_COLOR: '0' }, stream: pipe })).toBe(false);
    expect(colourEnabled({ env: { FORCE_COLOR: '1', NO_COLOR: '1' }, stream: tty })).toBe(false);
    setColourOption(false);
    expect(colourEnabled({ env: { FORCE_COLOR: '1' }, stream: tty })).toBe(false);
  });

  it('13.6: colour codes never come from the data: escapes and look-alike marks in values stay visible text', () => {
    vi.stubEnv('FORCE_COLOR', '1');
    vi.stubEnv('NO_COLOR', '');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    try {
      const hostile = '\x1b[31mred\x1b]0;title\x07 \uE000abcdef012345red\uE000x';
      printText(`${paint('red', 'critical')} ${hostile}`);
    } finally {
      log.mockRestore();
    }
    const line = out[0] as string;
    expect(line.startsWith('\x1b[31mcritical\x1b[0m ')).toBe(true);
    // The only escape sequences are ours: the data's ESC and BEL are written as text.
    expect(line.match(/\x1b/g)).toHaveLength(2);
    expect(line).toContain('\\u001B[31mred\\u001B]0;title\\u0007');
    expect(line).not.toMatch(/\x07/);
  });

  it('13.6: severities are painted in tables when colour is on, and the columns stay aligned', () => {
    vi.stubEnv('FORCE_COLOR', '1');
    vi.stubEnv('NO_COLOR', '');
    const rows = [
      { severity: 'critical', n: 1 },
      { severity: 'low', n: 2 },
    ];
    const t = renderTable(['severity', 'n'], rows, {
      width: undefined,
      paint: (c, r) => (c === 'severity' && r['severity'] === 'critical' ? 'red' : null),
    });
    const shown = applyStyles(t);
    expect(shown).toContain('\x1b[31mcritical\x1b[0m  1');
    expect(applyStyles(t, false).split('\n')).toEqual([
      'severity  n',
      '--------  -',
      'critical  1',
      'low       2',
    ]);
  });
});

describe('13.6 width', () => {
  it('13.6: the width is COLUMNS, else the terminal’s; a pipe without COLUMNS keeps lines whole', () => {
    expect(terminalWidth({ env: { COLUMNS: '80' }, stream: pipe })).toBe(80);
    expect(terminalWidth({ env: {}, stream: tty })).toBe(120);
    expect(terminalWidth({ env: { COLUMNS: 'wide' }, stream: tty })).toBe(120);
    expect(terminalWidth({ env: {}, stream: pipe })).toBeUndefined();
  });

  it('13.6: prose wraps at the width with a hanging indent; a word longer than a line is cut', () => {
    const text = 'the quick brown fox jumps over the lazy dog and keeps running far away';
    const w = wrapText(text, 30, { indent: '1. ', hanging: '   ' });
    expect(w.split('\n')).toEqual([
      '1. the quick brown fox jumps',
      '   over the lazy dog and keeps',
      '   running far away',
    ]);
    for (const l of w.split('\n')) expect(l.length).toBeLessThanOrEqual(30);
    const long = wrapText(`hash ${'a'.repeat(64)}`, 30, { hanging: '  ' });
    for (const l of long.split('\n')) expect(l.length).toBeLessThanOrEqual(30);
    expect(long.replace(/\n\s*/g, '').replace('hash', '')).toBe('a'.repeat(64));
    expect(wrapText(text, undefined, { indent: '  ' })).toBe(`  ${text}`);
  });

  it('13.6: a table wider than the terminal cuts its long columns with …, and keeps short ones whole', () => {
    const rows = [
      { when: '2016-06-01 02:55', server: `update.${'x'.repeat(50)}.example`, note: 'y'.repeat(70) },
    ];
    const t = renderTable(['when', 'server', 'note'], rows, { width: 60 });
    for (const l of t.split('\n')) expect([...l].length).toBeLessThanOrEqual(60);
    expect(t).toContain('2016-06-01 02:55');
    expect(t).toMatch(/update\.x+…/);
    const whole = renderTable(['when', 'server', 'note'], rows, { width: undefined });
    expect(whole.split('\n')[2]?.length).toBeGreaterThan(100);
  });
});
