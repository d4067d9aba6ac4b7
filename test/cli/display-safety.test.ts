import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { writeZeekLog } from '../helpers/zeek-log-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-display-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ESC, BEL, CSI and OSC: what a terminal would act on. */
const terminalControls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** Bidi controls and invisible characters. */
const hidden = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u2028\u2029]/;

const sslFields = [
  ['ts', 'time'],
  ['uid', 'string'],
  ['id.orig_h', 'addr'],
  ['id.orig_p', 'port'],
  ['id.resp_h', 'addr'],
  ['id.resp_p', 'port'],
  ['server_name', 'string'],
] as const;

const names = [
  'c2\u202Egnp.example',
  '=HYPERLINK("http://evil.example","click")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '+1+1',
  `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(5)}.example`,
];

beforeAll(async () => {
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  writeZeekLog(
    join(logs, 'ssl.log'),
    'ssl',
    sslFields,
    names.map((n, i) => [
      (1_714_521_600 + i).toFixed(6),
      `C${i}`,
      '10.0.0.5',
      50_000 + i,
      '203.0.113.79',
      443,
      n,
    ]),
  );
  const r = await run('ingest', '--data', data, '--no-progress', logs);
  expect(r.code).toBe(0);
});

describe('terminal and CSV output', () => {
  it('terminal escape sequences: hostile file names are printed as escapes by ingest and in errors', async () => {
    const junk = join(dir, 'junk');
    mkdirSync(junk);
    writeFileSync(join(junk, 'y\u001b]0;pwned\u0007\u202E\nerror: fake.log'), 'not a log\n');
    const skipped = await run('ingest', '--data', data, '--no-progress', junk);
    // One line per skipped file: a line feed in a name cannot fake a line of the summary.
    expect(skipped.out).toContain('y\\u001B]0;pwned\\u0007\\u202E\\nerror: fake.log');
    expect(skipped.out).not.toMatch(/^error: fake/m);
    const missing = await run('ingest', '--data', data, '--no-progress', join(dir, 'missing\u001b[2J'));
    expect(missing.err).toContain('missing\\u001B[2J');
    for (const text of [skipped.out, skipped.err, missing.out, missing.err]) {
      expect(text).not.toMatch(terminalControls);
      expect(text).not.toMatch(hidden);
    }
  });

  it('terminal escape sequences and M7: query tables show control and bidi characters as escapes', async () => {
    const r = await run(
      'query',
      '--data',
      data,
      "SELECT server_name, chr(27) || ']0;pwned' || chr(7) AS t FROM ssl ORDER BY ts",
    );
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(terminalControls);
    expect(r.out).not.toMatch(hidden);
    expect(r.out).toContain('c2\\u202Egnp.example');
    expect(r.out).toContain('\\u001B]0;pwned\\u0007');
  });

  it('guard (held before): a 257-character server name is cut in the terminal table and the columns stay aligned', async () => {
    const r = await run('query', '--data', data, 'SELECT server_name, resp_p FROM ssl ORDER BY ts');
    const lines = r.out.split('\n').slice(0, -1);
    const port = lines[0]!.indexOf('resp_p');
    for (const l of lines.slice(2)) expect(l.slice(port)).toMatch(/^443$/);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThan(80);
  });

  it('CSV: formulas are neutralised, negative numbers stay numbers, controls are visible, quoting per RFC 4180', async () => {
    const r = await run(
      'query',
      '--data',
      data,
      '--format',
      'csv',
      "SELECT server_name, -1.5 AS d, (-5)::BIGINT AS b, '-7' AS s, chr(27) || '[2J' AS e, 'a\"b,c' AS q FROM ssl ORDER BY ts",
    );
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(terminalControls);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('server_name,d,b,s,e,q');
    expect(lines[1]).toBe('c2\\u202Egnp.example,-1.5,-5,-7,\\u001B[2J,"a""b,c"');
    expect(lines[2]).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")",-1.5,-5,-7,\\u001B[2J,"a""b,c"');
    expect(lines[3]!.startsWith("'@SUM(1+1)*cmd|' /C calc'!A0,")).toBe(true);
    expect(lines[4]!.startsWith('+1+1,')).toBe(false);
    expect(lines[4]!.startsWith("'+1+1,")).toBe(true);
  });
});
