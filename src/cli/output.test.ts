import { describe, expect, it } from 'vitest';
import { csvCell, renderCsv, renderTable, toJson } from './output.js';

describe('CSV cells', () => {
  it('CSV formulas: strings starting with = + - @ get a leading quote; typed and plain numbers stay numbers', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe('\\t=1');
    expect(csvCell('\r=1')).toBe('\\r=1');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(-5n)).toBe('-5');
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('-1.5e3')).toBe('-1.5e3');
    expect(csvCell('+7')).toBe('+7');
    expect(csvCell('-Infinity')).toBe('-Infinity');
    expect(csvCell('-Infinity+cmd')).toBe("'-Infinity+cmd");
    expect(csvCell('-')).toBe("'-");
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
  });

  it('CSV: control and bidi characters are escapes, and commas and quotes are quoted (RFC 4180)', () => {
    expect(csvCell('a\u001b[2Jb\u202Ec\nd')).toBe('a\\u001B[2Jb\\u202Ec\\nd');
    expect(csvCell('a"b,c')).toBe('"a""b,c"');
    expect(csvCell('=A1,"x"')).toBe('"\'=A1,""x"""');
    expect(csvCell({ a: '=1' })).toBe('"{""a"":""=1""}"');
    expect(renderCsv(['=n', 'v'], [{ '=n': 1, v: '@x' }])).toBe("'=n,v\n1,'@x");
  });
});

describe('terminal output', () => {
  it('M7: tables show bidi and control characters as escapes, cut by code points', () => {
    const t = renderTable(['name', 'port'], [{ name: `c2\u202Egnp${'😀'.repeat(70)}`, port: 443 }]);
    expect(t).toContain('c2\\u202Egnp');
    expect(t).not.toMatch(/[\u202e\ud800-\udfff](?![\udc00-\udfff])/u);
    expect(t.split('\n')[2]!.endsWith('…  443')).toBe(true);
  });

  it('M7: JSON output escapes hidden characters inside strings and parses back to the same values', () => {
    const value = {
      sni: 'c2\u202Egnp.example',
      tag: 'x\u{E0041}',
      nl: 'a\nb',
      sep: '\u2028',
      plain: '東京 😀',
    };
    const json = toJson(value);
    expect(json).toContain('c2\\u202Egnp.example');
    expect(json).toContain('x\\uDB40\\uDC41');
    expect(json).toContain('\\u2028');
    expect(json).not.toMatch(/[\u202e\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
