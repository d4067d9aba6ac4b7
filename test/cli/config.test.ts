import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { writeConnLog } from '../helpers/zeek-log-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-config-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mamori config', () => {
  it.each(['yaml', 'toml', 'json'] as const)('14.4: init → check round-trips (%s)', async (format) => {
    const data = join(dir, `init-${format}`);
    const init = await run('config', 'init', '--data', data, '--format', format);
    expect(init.code).toBe(0);
    const file = join(data, `mamori.config.${format}`);
    expect(readFileSync(file, 'utf8')).toContain('threshold');
    const check = await run('config', 'check', '--data', data, '--json');
    expect(check.code).toBe(0);
    const result = JSON.parse(check.out) as { file: string; valid: boolean; set: string[] };
    expect(result).toMatchObject({ file, valid: true });
    expect(result.set).toContain('detectors.beaconing.threshold');
    // A second init would overwrite the user's edits: only with --force.
    expect((await run('config', 'init', '--data', data, '--format', format)).code).toBe(2);
    expect((await run('config', 'init', '--data', data, '--format', format, '--force')).code).toBe(0);
  });

  it('14.4: check names the bad key, the value, the allowed range and the file (exit 2)', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'detectors:\n  beaconing:\n    threshold: 1.5\ncorrelation:\n  adminPorts: [22, 70000]\n',
    );
    const r = await run('config', 'check', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`config file ${file}`);
    expect(r.err).toContain(
      'detectors.beaconing.threshold = 1.5 is not allowed: it must be a number from 0 to 1',
    );
    expect(r.err).toContain(
      'correlation.adminPorts[1] = 70000 is not allowed: it must be a whole number from 1 to 65535',
    );
    const typo = join(dir, 'typo.toml');
    writeFileSync(typo, '[detectors.beaconing]\nthreshhold = 0.6\n');
    const t = await run('config', 'check', typo);
    expect(t.code).toBe(2);
    expect(t.err).toContain('unknown key "threshhold" in detectors.beaconing');
  });

  it('14.4: show names where each value came from, and a flag overrides the file', async () => {
    const data = join(dir, 'show');
    mkdirSync(data, { recursive: true });
    const file = join(data, 'mamori.config.yaml');
    writeFileSync(file, 'network:\n  internal: ["10.0.0.0/8"]\ncorrelation:\n  minScore: 0.6\n');
    const r = await run('config', 'show', '--data', data, '--min-score', '0.7', '--json');
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.out) as {
      file: string;
      config: { network: { internal: string[] }; correlation: { minScore: number; bridgeScore: number } };
      sources: Record<string, string>;
    };
    expect(shown.file).toBe(file);
    expect(shown.config.network.internal).toEqual(['10.0.0.0/8']);
    expect(shown.sources['network.internal']).toBe(file);
    expect(shown.config.correlation.minScore).toBe(0.7);
    expect(shown.sources['correlation.minScore']).toBe('--min-score');
    expect(shown.sources['correlation.bridgeScore']).toBe('default');
    expect(shown.sources['store.dataDir']).toBe('--data');
    const text = await run('config', 'show', '--data', data, '--internal', '192.168.0.0/16');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/network\.internal\s+\["192\.168\.0\.0\/16"\]\s+--internal/);
    expect(text.out).toMatch(/correlation\.minScore\s+0\.6\s+\S*mamori\.config\.yaml/);
  });
});

describe('store.dataDir', () => {
  it('14.4: a --config file can name the data directory, and --data wins over it', async () => {
    const target = join(dir, 'elsewhere');
    const file = join(dir, 'where.yaml');
    writeFileSync(file, `store:\n  dataDir: ${JSON.stringify(target)}\n`);
    const r = await run('config', 'show', '--config', file, '--json');
    expect(r.code, r.err).toBe(0);
    const shown = JSON.parse(r.out) as { dataDir: string; sources: Record<string, string> };
    expect(shown.dataDir).toBe(target);
    expect(shown.sources['store.dataDir']).toBe(file);
    // --data wins over the file.
    const flag = await run('config', 'show', '--config', file, '--data', dir, '--json');
    expect((JSON.parse(flag.out) as { dataDir: string }).dataDir).toBe(dir);
  });
});

describe('the config reaches the detectors', () => {
  const data = join(dir, 'beacon');
  // One host calls one external server every ten minutes for a day: a beacon.
  beforeAll(async () => {
    const logs = join(dir, 'beacon-logs');
    mkdirSync(logs, { recursive: true });
    const t0 = Date.UTC(2020, 8, 13, 12) / 1000;
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
    expect((await run('ingest', logs, '--data', data, '--no-progress')).code).toBe(0);
  }, 120_000);

  const beacons = async (...args: string[]) => {
    const r = await run(
      'detect',
      '--data',
      data,
      '--only',
      'beaconing',
      '--min-score',
      '0',
      '--json',
      ...args,
    );
    expect(r.code, r.err).toBe(0);
    return (JSON.parse(r.out) as { findings: { detector: string }[] }).findings.length;
  };

  it('14.4: a threshold in the config file changes what a detector finds', async () => {
    expect(await beacons()).toBe(1);
    const file = join(dir, 'strict.toml');
    writeFileSync(file, '[detectors.beaconing]\nminConnections = 200\n');
    expect(await beacons('--config', file)).toBe(0);
    // The data directory's own file is read without --config, and a config at the defaults changes nothing.
    writeFileSync(join(data, 'mamori.config.yaml'), 'detectors:\n  beaconing:\n    threshold: 0.5\n');
    expect(await beacons()).toBe(1);
  }, 120_000);

  it('14.4: the hunt takes correlation from the file, and --min-score wins over it', async () => {
    const file = join(dir, 'no-incidents.yaml');
    writeFileSync(file, 'correlation:\n  minScore: 1\n');
    const incidents = async (...args: string[]) => {
      const r = await run('hunt', '--data', data, '--json', '--no-progress', '--config', file, ...args);
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out) as { incidents: unknown[] }).incidents.length;
    };
    expect(await incidents()).toBe(0);
    expect(await incidents('--min-score', '0.5')).toBe(1);
  }, 120_000);
});
