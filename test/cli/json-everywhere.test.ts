import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { writeConnLog } from '../helpers/zeek-log-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-json-'));
const data = join(dir, 'data');
const logs = join(dir, 'logs');
const iocs = join(dir, 'c2-list.txt');
const reports = mkdtempSync(join(tmpdir(), 'mamori-json-out-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(reports, { recursive: true, force: true });
});

// 2020-09-13T12:00Z: one lab host talks to a listed C2 address every ten minutes for a day.
const t0 = Date.UTC(2020, 8, 13, 12) / 1000;
let incidentId = '';

beforeAll(async () => {
  mkdirSync(logs, { recursive: true });
  writeConnLog(
    join(logs, 'conn.log'),
    Array.from({ length: 144 }, (_, i) => ({
      ts: t0 + i * 600,
      orig: '10.0.2.15',
      resp: '203.0.113.77',
      port: 443,
      duration: 0.4,
      out: 900,
      in: 3000,
    })),
  );
  writeFileSync(iocs, '# test C2\n203.0.113.77\n');
  const imported = await run('intel', 'import', iocs, '--data', data, '--actor', 'Test Panda', '--new-actor');
  expect(imported.code).toBe(0);
  const hunted = await run('hunt', logs, '--data', data, '--no-progress');
  expect(hunted.code).toBe(0);
  const listed = await run('incidents', '--data', data, '--json');
  incidentId = (JSON.parse(listed.out) as { incidents: { id: string }[] }).incidents[0]?.id ?? '';
  expect(incidentId).toMatch(/^INC-/);
}, 180_000);

/** Every command of the program, as the words that run it (`intel import`). */
function commandPaths(c: Command, path: string[] = []): { path: string[]; cmd: Command }[] {
  return c.commands.flatMap((s) => {
    const here = [...path, s.name()];
    return [{ path: here, cmd: s }, ...commandPaths(s, here)];
  });
}

/**
 * Arguments that make each `--json` command report something against the small store. A new
 * command with `--json` must be added here (or to `coveredElsewhere`), or the walk fails.
 */
const jsonArgs: Record<string, () => string[]> = {
  hunt: () => ['--data', data, '--no-progress'],
  incidents: () => ['--data', data],
  'incidents show': () => [incidentId, '--data', data],
  report: () => [incidentId, '--data', data],
  'incidents triage': () => [incidentId, '--status', 'true-positive', '--note', 'checked', '--data', data],
  'incidents mark': () => [incidentId, 'investigating', '--data', data],
  'incidents note': () => [incidentId, 'checked the proxy logs', '--data', data],
  'incidents assign': () => [incidentId, 'alice', '--data', data],
  'incidents history': () => [incidentId, '--data', data],
  'suppressions list': () => ['--all', '--data', data],
  'suppressions add': () => [
    '--kind',
    'destination',
    '--destination',
    'nothing.example',
    '--reason',
    'test',
    '--data',
    data,
  ],
  ingest: () => [logs, '--data', data, '--no-progress'],
  stats: () => ['--data', data],
  'store batches': () => ['--data', data],
  'store delete': () => ['--batch', '1', '--dry-run', '--data', data],
  query: () => ['SELECT count(*) AS n, sum(orig_bytes) AS bytes FROM conn', '--data', data],
  rows: () => ['--indicator', '203.0.113.77', '--limit', '5', '--data', data],
  'intel import': () => {
    // A list of its own: importing c2-list.txt again replaces its source, stub actor and all.
    const more = join(dir, 'more-c2.txt');
    writeFileSync(more, '198.51.100.9\n');
    return [more, '--data', data, '--actor', 'Test Panda'];
  },
  'intel show': () => ['Test Panda', '--data', data],
  'intel search': () => ['203.0.113.77', '--data', data],
  'intel stats': () => ['--data', data],
  'intel update': () => {
    const sources = join(dir, 'sources.json');
    writeFileSync(
      sources,
      JSON.stringify({ sources: [{ id: 'local-c2', path: iocs }], replaceDefaults: true }),
    );
    return ['--sources', sources, '--data', data];
  },
  simulate: () => ['--out', join(dir, 'sim'), '--hosts', '2', '--hours', '1', '--overwrite', '--no-progress'],
  detect: () => ['--data', data, '--only', 'threat-intel'],
  'config init': () => ['--out', join(dir, 'mamori.config.yaml'), '--force'],
  'config check': () => [join(dir, 'mamori.config.yaml')],
  'config show': () => ['--data', data, '--config', join(dir, 'mamori.config.yaml')],
};

/** Paths of string values that hold only an integer: numbers a script would have to parse. */
function stringlyNumbers(v: unknown, path = '$'): string[] {
  if (typeof v === 'string') return /^-?\d+$/.test(v) ? [path] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringlyNumbers(x, `${path}[${i}]`));
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => stringlyNumbers(x, `${path}.${k}`));
  return [];
}

/** Commands whose JSON another test already parses, and why they are not run again here. */
const coveredElsewhere: Record<string, string> = {
  demo: 'simulates and hunts an office for a minute; test/cli/hunt.test.ts parses demo --json',
  serve: 'runs until stopped; test/server/users-cli.test.ts starts servers its own way',
  'users add': 'asks for a password; test/server/users-cli.test.ts parses the users commands --json',
  'users list': 'test/server/users-cli.test.ts',
  'users passwd': 'test/server/users-cli.test.ts',
  'users disable': 'test/server/users-cli.test.ts',
  'users enable': 'test/server/users-cli.test.ts',
  'users role': 'test/server/users-cli.test.ts',
  'users token create': 'test/server/users-cli.test.ts',
  'users token list': 'test/server/users-cli.test.ts',
  'users token revoke': 'test/server/users-cli.test.ts',
  'suppressions edit': 'needs a rule id; test/cli/triage.test.ts parses its --json',
  'suppressions rm': 'needs a rule id; test/cli/triage.test.ts parses its --json',
};

describe('13.6 --json everywhere', () => {
  const withJson = commandPaths(buildProgram()).filter(({ cmd }) =>
    cmd.options.some((o) => o.long === '--json'),
  );

  it('13.6: every command that reports something declares --json', () => {
    const names = withJson.map((c) => c.path.join(' '));
    // Command groups (store, intel) only hold subcommands; everything else reports something.
    const leaves = commandPaths(buildProgram())
      .filter(({ cmd }) => cmd.commands.length === 0 && cmd.name() !== 'help')
      .map((c) => c.path.join(' '));
    expect(leaves.filter((n) => !names.includes(n))).toEqual([]);
    expect(Object.keys(jsonArgs).length + Object.keys(coveredElsewhere).length).toBe(names.length);
  });

  it('13.6: each command declaring --json prints parseable JSON on stdout, numbers as numbers', async () => {
    for (const { path } of withJson) {
      const name = path.join(' ');
      if (coveredElsewhere[name]) continue;
      const args = jsonArgs[name];
      expect(args, `${name} has --json but no arguments in jsonArgs`).toBeDefined();
      const r = await run(...path, ...(args as () => string[])(), '--json');
      expect(r.code, `${name} --json exit code (stderr: ${r.err})`).toBe(0);
      expect(() => JSON.parse(r.out), `${name} --json stdout: ${r.out.slice(0, 200)}`).not.toThrow();
      // modelVersion is a version label (docs/report-json-schema.md), not a quantity; so is the
      // attribution weights' version in config show.
      const stringly = stringlyNumbers(JSON.parse(r.out)).filter(
        (p) => !p.endsWith('.modelVersion') && !p.endsWith('.attribution.version'),
      );
      expect(stringly, `${name} --json writes numbers as strings`).toEqual([]);
    }
  }, 240_000);

  it('13.6: incidents show ID --json prints the incident as JSON, not text', async () => {
    const r = await run('incidents', 'show', incidentId, '--json', '--data', data);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { incidents: { id: string }[] };
    expect(j.incidents[0]?.id).toBe(incidentId);
  });

  it('13.6: report --json with --out says what was written, as JSON', async () => {
    const out = join(reports, 'r.md');
    const r = await run('report', incidentId, '--data', data, '--out', out, '--json');
    expect(JSON.parse(r.out)).toEqual({ out, format: 'md', incidents: [incidentId] });
    const clash = await run('report', incidentId, '--data', data, '--format', 'md', '--json');
    expect(clash.code).toBe(2);
  });

  it('13.6: hunt --json with --out writes the file in its own format and the JSON report on stdout', async () => {
    const out = join(reports, 'hunt.md');
    const r = await run('hunt', '--data', data, '--no-progress', '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { incidents: { id: string }[] }).incidents[0]?.id).toBe(incidentId);
    expect(readFileSync(out, 'utf8')).toMatch(/^> \*\*TLP:AMBER\*\*/);
    const clash = await run('hunt', '--data', data, '--format', 'md', '--json');
    expect(clash.code).toBe(2);
  }, 60_000);

  it('13.6: query --json writes BIGINT and HUGEINT as JSON numbers, exactly past 2^53', async () => {
    const r = await run(
      'query',
      'SELECT count(*) AS n, sum(orig_bytes) AS bytes, 9007199254740993::BIGINT AS big, 170141183460469231731687303715884105727::HUGEINT AS huge, 1.25::DECIMAL(5,2) AS d FROM conn',
      '--data',
      data,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/"n": 144,/);
    expect(r.out).toMatch(/"bytes": 129600,/);
    expect(r.out).toContain('"big": 9007199254740993,');
    expect(r.out).toContain('"huge": 170141183460469231731687303715884105727,');
    expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ n: 144, bytes: 129600, d: 1.25 })]);
    const csv = await run('query', 'SELECT count(*) AS n FROM conn', '--data', data, '--format', 'csv');
    expect(csv.out).toBe('n\n144');
    // Two columns of one name: converted by position, not a crash on the text column.
    const dup = await run('query', "SELECT 'abc' AS n, count(*) AS n FROM conn", '--data', data, '--json');
    expect(dup.code).toBe(0);
    expect(JSON.parse(dup.out)).toEqual([{ n: 'abc', 'n:1': 144 }]);
  });
});

describe('13.6 --from and --to on incidents', () => {
  const ids = async (...window: string[]) => {
    const r = await run('incidents', '--data', data, '--json', ...window);
    expect(r.code, r.err).toBe(0);
    return (JSON.parse(r.out) as { incidents: { id: string }[] }).incidents.map((i) => i.id);
  };

  it('13.6: incidents --from/--to keep the incidents active in the window', async () => {
    // The incident runs from 2020-09-13T12:00Z to 2020-09-14T11:50Z.
    expect(await ids('--from', '2020-09-14T06:00Z')).toEqual([incidentId]);
    expect(await ids('--from', '2020-09-13', '--to', '2020-09-13T13:00+01:00')).toEqual([incidentId]);
    expect(await ids('--from', '2020-09-15')).toEqual([]);
    expect(await ids('--to', '2020-09-13T11:00Z')).toEqual([]);
    expect(await ids('--from', 'yesterday')).toEqual([]);
    expect(await ids('--from', '7d', '--to', 'now')).toEqual([]);
    const text = await run('incidents', '--data', data, '--from', '24h');
    expect(text.out).toBe('no incidents in this time window');
  });

  it.each([
    ['--from', 'yesterdayy'],
    ['--to', "2020-09-13' OR 1=1 --"],
    ['--from', '2020-02-30'],
  ])('13.6: incidents with a bad time is a usage error (exit 2): %s %s', async (...window) => {
    const r = await run('incidents', '--data', data, ...window);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a time .*accepted: YYYY-MM-DD/);
  });
});

describe('13.6 colour in the CLI', () => {
  afterEach(() => vi.unstubAllEnvs());
  const sgr = /\x1b\[[0-9;]*m/;

  it('13.6: severities are coloured when colour is on; never with --no-color, NO_COLOR or --json', async () => {
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', '1');
    const coloured = await run('incidents', '--data', data);
    expect(coloured.out).toMatch(/\x1b\[3[13]m(critical|high|medium)\x1b\[0m/);
    expect((await run('incidents', 'show', incidentId, '--data', data)).out).toMatch(sgr);
    expect((await run('incidents', '--data', data, '--no-color')).out).not.toMatch(sgr);
    expect((await run('--no-color', 'incidents', '--data', data)).out).not.toMatch(sgr);
    expect((await run('incidents', '--data', data, '--json')).out).not.toMatch(sgr);
    vi.stubEnv('NO_COLOR', '1');
    expect((await run('incidents', '--data', data)).out).not.toMatch(sgr);
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', '');
    // Not a terminal (as under the test runner): no colour.
    expect((await run('incidents', '--data', data)).out).not.toMatch(sgr);
  });

  it('13.6: with COLUMNS set, incidents show wraps its prose to the width', async () => {
    vi.stubEnv('COLUMNS', '60');
    const r = await run('incidents', 'show', incidentId, '--data', data);
    const prose = r.out.split('\n').filter((l) => !/^[-\w.:]+ {2,}/.test(l) && !/^-+ /.test(l));
    expect(prose.length).toBeGreaterThan(3);
    for (const l of prose) expect([...l].length, l).toBeLessThanOrEqual(60);
  });
});
