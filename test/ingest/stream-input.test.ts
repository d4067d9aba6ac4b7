import { execFile, execFileSync } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.test-helper.js';
import { writeConnLog } from '../helpers/zeek-log-writer.js';
import { scratchDir } from './ingest-helpers.js';

const tsx = path.resolve('node_modules/.bin/tsx');
const cli = (data: string, ...args: string[]) =>
  `import(${JSON.stringify(path.resolve('src/cli/main.ts'))}).then(async (m) => { process.exitCode = await m.main(['node', 'mamori', 'ingest', '--json', '--no-progress', '-d', ${JSON.stringify(data)}, ${args.map((a) => JSON.stringify(a)).join(', ')}]); })`;

describe('stdin and FIFOs', () => {
  let dir: string;
  let log: string;
  beforeAll(() => {
    dir = scratchDir('stream');
    log = path.join(dir, 'conn.log');
    writeConnLog(log, [
      { ts: 1713484800, orig: '10.0.0.1', resp: '192.0.2.1', port: 443 },
      { ts: 1713484801, orig: '10.0.0.1', resp: '192.0.2.1', port: 443 },
      { ts: 1713484802, orig: '10.0.0.1', resp: '192.0.2.1', port: 443 },
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const arg of ['-', '/dev/stdin']) {
    it(`\`cat log | mamori ingest ${arg}\` reads the log (it silently did nothing, exit 0)`, async () => {
      const data = path.join(dir, `data-${arg.length}`);
      // A real shell pipe, as in the report.
      const out = execFileSync('sh', ['-c', 'cat "$1" | "$2" -e "$3"', 'sh', log, tsx, cli(data, arg)], {
        encoding: 'utf8',
      });
      const s = JSON.parse(out) as {
        rows: number;
        rowsByTable: Record<string, number>;
        outcomes: { path: string; logType: string }[];
      };
      expect(s.rows).toBe(3);
      expect(s.rowsByTable).toEqual({ conn: 3 });
      // The log type comes from the content (the Zeek header), the name from the argument.
      expect(s.outcomes[0]).toMatchObject({ path: arg === '-' ? 'stdin' : arg, logType: 'conn' });
      // The copy is gone, and piping the same log again adds nothing.
      expect(readdirSync(path.join(data, 'tmp')).filter((f) => f.startsWith('stdin-'))).toEqual([]);
      if (arg !== '-') return;
      // Node's child_process hands stdin over as a socket, not a pipe.
      const again = JSON.parse(
        execFileSync(tsx, ['-e', cli(data, arg)], { input: readFileSync(log), encoding: 'utf8' }),
      ) as { rows: number; byStatus: Record<string, number> };
      expect(again.rows).toBe(0);
      expect(again.byStatus['unchanged']).toBe(1);
    });
  }

  it('a FIFO named on the command line is read as a stream', async () => {
    const fifo = path.join(dir, 'live.fifo');
    await promisify(execFile)('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    writer.end(readFileSync(log));
    const r = await runCli('ingest', '--json', '--no-progress', '-d', path.join(dir, 'data-fifo'), fifo);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { rows: number }).rows).toBe(3);
  });
});
