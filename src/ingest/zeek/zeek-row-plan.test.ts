import { describe, expect, it } from 'vitest';
import { extraJson, planTsvRows } from './zeek-row-plan.js';

describe('TSV extra fields', () => {
  const plan = planTsvRows(
    { table: 'events', constants: { log_type: 'notice_like' } },
    {
      fields: ['ts', 'uid', 'suppress_for', 'n', 'ok', 'ports', 'names', 'seen', 'msg', 'gone', 'none'],
      types: [
        'time',
        'string',
        'interval',
        'count',
        'bool',
        'set[port]',
        'vector[string]',
        'time',
        'string',
        'string',
        'set[string]',
      ],
      unsetField: '-',
      emptyField: '(empty)',
      setSeparator: ',',
    },
  );
  it("are typed from #types as Zeek's JSON writer types them; unset ones are left out", () => {
    const fields = [
      '1521911720.624556',
      'C1',
      '3600.000000',
      '42',
      'T',
      '80,443',
      'a\\x2cb,c\\\\d',
      '1521911720.624556',
      '\\x2d',
      '-',
      '(empty)',
    ];
    expect(JSON.parse(extraJson(plan, fields) as string)).toEqual({
      suppress_for: 3600,
      n: 42,
      ok: true,
      ports: [80, 443],
      names: ['a,b', 'c\\d'],
      seen: 1521911720.624556,
      msg: '-',
      none: [],
    });
  });
  it('keep text that is not a plain number or T/F as text', () => {
    const fields = ['1', 'C1', 'soon', '12x', 'maybe', '80,x', '(empty)', '-', '(empty)', '-', '-'];
    expect(JSON.parse(extraJson(plan, fields) as string)).toEqual({
      suppress_for: 'soon',
      n: '12x',
      ok: 'maybe',
      ports: [80, 'x'],
      names: [],
      msg: '',
    });
  });
  it('are null when every extra field is unset', () => {
    expect(extraJson(plan, ['1', 'C1', '-', '-', '-', '-', '-', '-', '-', '-', '-'])).toBeNull();
  });
});
