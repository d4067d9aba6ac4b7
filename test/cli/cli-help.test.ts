import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { readableTableNames } from '../../src/store/schema/readable-tables.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-help-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What `--help` prints: commander writes help through process.stdout, not console.log. */
async function help(...args: string[]): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  }) as typeof process.stdout.write;
  try {
    expect((await run(...args, '--help')).code).toBe(0);
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

describe('13.6 help and option lists', () => {
  it('13.6: mamori --help lists every exit code', async () => {
    const text = await help();
    expect(text).toMatch(/Exit codes:/);
    for (const code of [0, 1, 2, 70, 74, 75, 130]) expect(text).toMatch(new RegExp(`\\n  ${code} +\\S`));
  });

  it('13.6: query --help lists every table a store has, findings, incidents and intel included', async () => {
    const text = await help('query');
    for (const t of ['findings', 'incidents', 'intel_indicators', 'warninglists', 'conn'])
      expect(readableTableNames).toContain(t);
    for (const t of readableTableNames) expect(text).toMatch(new RegExp(`[ :]${t}( |\\n)`));
    // The list is the schema's: a new store holds exactly these tables.
    const data = join(dir, 'tables');
    expect((await run('detect', '--data', data, '--only', 'dga', '--json')).code).toBe(0);
    const r = await run(
      'query',
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
      '--data',
      data,
      '--json',
    );
    expect(r.code).toBe(0);
    const stored = (JSON.parse(r.out) as { table_name: string }[]).map((x) => x.table_name);
    expect([...readableTableNames].sort()).toEqual(stored);
  });

  it('13.6: --only takes a comma list, as --internal does', async () => {
    const r = await run('detect', '--data', join(dir, 'only'), '--only', 'beaconing,dga', '--json');
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as { detectors: { name: string }[] };
    expect(j.detectors.map((d) => d.name)).toEqual(['beaconing', 'dga']);
    const words = await run('detect', '--data', join(dir, 'only'), '--only', 'beaconing', 'dga', '--json');
    expect((JSON.parse(words.out) as { detectors: unknown[] }).detectors).toHaveLength(2);
  });

  it.each([
    ['detect', '--only', 'beaconing,bogus'],
    ['hunt', '--only', 'bogus'],
  ])('13.6: an unknown --only value is a usage error naming it: %s %s %s', async (...args) => {
    const r = await run(...args, '--data', join(dir, 'bad'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/option --only: "bogus" is not one of .*beaconing/);
  });

  it.each([['ingest'], ['hunt']])(
    '13.6: %s --help gives byte limits in the decimal units every output uses, not MiB/GiB',
    async (cmd) => {
      const text = await help(cmd);
      expect(text).not.toMatch(/\b(KiB|MiB|GiB|TiB)\b/);
      expect(text).toMatch(/68719476736 = 69 GB/);
      expect(text).toMatch(/judged past its first 67 MB/);
    },
  );
});
