// Same options and seed: byte-identical output; another seed: other traffic; intrusions add to the
// background without changing it.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { digests, logLines, tempDir } from './sim-helpers.js';

const dir = tempDir('det');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { hosts: 12, hours: 6, start: '2016-06-02T06:00:00Z' } as const;

describe('simulate is deterministic', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    const c = path.join(dir, 'c');
    const opts = { ...base, scenario: 'office+apt+commodity+dns-tunnel+dga', seed: 42 };
    const ta = await simulate({ ...opts, out: a });
    await simulate({ ...opts, out: b });
    await simulate({ ...opts, seed: 43, out: c });
    const da = digests(a);
    expect(Object.keys(da).length).toBeGreaterThan(20);
    expect(digests(b)).toEqual(da);
    const dc = digests(c);
    expect(Object.keys(da).filter((f) => dc[f] === da[f])).toEqual([]);
    expect(ta.infectedHosts.length).toBe(6);
  });

  it('keeps the office background unchanged when intrusions are added', async () => {
    const office = path.join(dir, 'office');
    const both = path.join(dir, 'both');
    await simulate({ ...base, seed: 5, out: office });
    const t = await simulate({ ...base, seed: 5, scenario: 'apt+dga', out: both });
    expect(t.scenario).toBe('office+apt+dga');
    for (const log of ['conn', 'dns', 'ssl', 'http']) {
      const plain = logLines(office, log);
      const mixed = new Set(logLines(both, log));
      expect(plain.length, log).toBeGreaterThan(0);
      expect(
        plain.filter((l) => !mixed.has(l)),
        log,
      ).toEqual([]);
      expect(mixed.size, log).toBeGreaterThan(plain.length);
    }
  });

  it('refuses a non-empty output directory unless it is an earlier run and overwrite is set', async () => {
    const out = path.join(dir, 'a');
    await expect(simulate({ ...base, out })).rejects.toThrow(/not empty/);
    const t = await simulate({ ...base, out, overwrite: true, hours: 2 });
    expect(t.params.hours).toBe(2);
    await expect(simulate({ ...base, out: path.join(dir), overwrite: true })).rejects.toThrow(
      /did not write/,
    );
  });
});
