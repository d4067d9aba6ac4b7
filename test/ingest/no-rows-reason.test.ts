import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.test-helper.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { scratchDir } from './ingest-helpers.js';

// A file that was read but gave no rows used to be a bare "empty" (or, with a long first record, a
// wrong "no complete record yet"); each now says why, in the terminal and in --json.
describe('files that produce no rows', () => {
  let dir: string;
  const header = zeekHeaderLines('conn', ['ts', 'uid'], ['time', 'string']);
  beforeAll(() => {
    dir = scratchDir('norows');
    mkdirSync(path.join(dir, 'logs'));
    writeFileSync(
      path.join(dir, 'logs', 'a-header-only.log'),
      `${header.join('\n')}\n#close\t2024-04-19-01-00-00\n`,
    );
    writeFileSync(path.join(dir, 'logs', 'b-blank.log'), '\n\n\n');
    writeFileSync(path.join(dir, 'logs', 'c-zero.log'), '');
    writeFileSync(
      path.join(dir, 'logs', 'd-bad.log'),
      `${header.join('\n')}\nnot-a-time\tC1\nalso-bad\tC2\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file read without rows is reported with why in --json, never a bare "empty"', async () => {
    const r = await runCli(
      'ingest',
      '--json',
      '--no-progress',
      '-d',
      path.join(dir, 'd1'),
      path.join(dir, 'logs'),
    );
    const s = JSON.parse(r.out) as {
      outcomes: { path: string; status: string; reason?: string; message?: string }[];
    };
    const by = new Map(s.outcomes.map((o) => [path.basename(o.path), o]));
    expect(by.get('a-header-only.log')).toMatchObject({
      status: 'empty',
      reason: 'header only (9 header lines), no records',
    });
    expect(by.get('b-blank.log')).toMatchObject({ status: 'empty', reason: 'only 3 blank lines' });
    expect(by.get('c-zero.log')).toMatchObject({ status: 'empty', reason: 'the file is empty (0 bytes)' });
    expect(by.get('d-bad.log')?.status).toBe('failed');
    expect(by.get('d-bad.log')?.message).toMatch(
      /none of its 2 records could be read .* kept in the rejects table/,
    );
    for (const o of s.outcomes)
      expect(o.message ?? '', o.path).not.toMatch(/^[^:]*: empty file|nothing to ingest/);
  });

  it('the terminal summary gives each file without rows its reason', async () => {
    const r = await runCli('ingest', '--no-progress', '-d', path.join(dir, 'd2'), path.join(dir, 'logs'));
    expect(r.out).toMatch(/3 without rows/);
    expect(r.out).toContain(`note: ${path.join(dir, 'logs', 'a-header-only.log')}: no rows: header only`);
    expect(r.out).toContain(`note: ${path.join(dir, 'logs', 'b-blank.log')}: no rows: only 3 blank lines`);
  });
});
