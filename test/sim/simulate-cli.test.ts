import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { runCli } from '../../src/cli/run-cli.test-helper.js';
import { tempDir } from './sim-helpers.js';

const dir = tempDir('cli');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mamori simulate', () => {
  it('explains its options, scenario parts and examples in --help', () => {
    const cmd = buildProgram().commands.find((c) => c.name() === 'simulate');
    let help = '';
    cmd
      ?.configureOutput({
        writeOut: (text) => {
          help += text;
        },
      })
      .outputHelp();
    for (const s of [
      '--scenario',
      '--seed',
      '--sleep',
      'night+weekend',
      '--c2-proto',
      '--operator-tz',
      '--exfil',
      'dns-tunnel',
      'labels.json',
      'Examples:',
    ])
      expect(help).toContain(s);
  });

  it('prints the ground truth with --json', async () => {
    const out = path.join(dir, 'json');
    const r = await runCli(
      'simulate',
      '--out',
      out,
      '--scenario',
      'dga',
      '--hosts',
      '5',
      '--hours',
      '3',
      '--seed',
      '4',
      '--json',
    );
    expect(r.code).toBe(0);
    const truth = JSON.parse(r.out);
    expect(truth).toMatchObject({ version: 2, scenario: 'office+dga', seed: 4, backgroundHosts: 5 });
    expect(truth.params).toMatchObject({ hosts: 5, hours: 3, start: '2016-06-01T00:00:00.000Z' });
    expect(truth.intrusions[0].kind).toBe('dga');
    expect(truth.c2Servers.length).toBeGreaterThan(1);
  });

  it('prints a summary for people', async () => {
    const out = path.join(dir, 'human');
    const r = await runCli(
      'simulate',
      '--out',
      out,
      '--scenario',
      'commodity',
      '--hosts',
      '0',
      '--hours',
      '2',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Simulated commodity: 0 workstations/);
    expect(r.out).toMatch(/infected 10\.1\.0\.10 from/);
    expect(r.out).toMatch(/c2 .* tcp\/\d+/);
    expect(r.out).toContain(path.join(out, 'labels.json'));
  });

  it.each([
    [['--scenario', 'office+botnet'], /unknown part "botnet"/],
    [['--jitter', '0.7'], /--jitter/],
    [['--days', '2', '--hours', '5'], /--days or --hours/],
    [['--start', '2016-06-01T00:30:00Z'], /whole hour/],
    [['--operator-tz', 'Mars/Olympus'], /operator-tz/],
    [['--operator-hours', 'late'], /operator hours/],
    [['--hosts', '2', '--scenario', 'apt'], /cannot hold 3 infected/],
    [['--scenario', 'office', '--no-background'], /nothing to simulate/],
    // Commander reports a bad choice itself, on stderr.
    [['--sleep', 'always'], null],
  ])('rejects %j with exit code 2', async (args, message) => {
    const r = await runCli('simulate', '--out', path.join(dir, 'bad'), ...(args as string[]));
    expect(r.code).toBe(2);
    if (message) expect(r.err).toMatch(message);
  });

  it('needs --out, and will not write into a directory holding something else', async () => {
    expect((await runCli('simulate', '--hours', '1')).code).toBe(2);
    const r = await runCli('simulate', '--out', path.join(dir, 'json'), '--hours', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not empty/);
  });
});
