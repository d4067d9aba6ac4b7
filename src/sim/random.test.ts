import { describe, expect, it } from 'vitest';
import { cumulative, deriveSeed, Rng } from './random.js';

describe('Rng', () => {
  it('repeats a stream for the same seed and path, and separates paths', () => {
    const a = Rng.derive(1, 'host', 3);
    const b = Rng.derive(1, 'host', 3);
    expect(Array.from({ length: 5 }, () => a.u32())).toEqual(Array.from({ length: 5 }, () => b.u32()));
    expect(deriveSeed(1, 'host', 3)).not.toBe(deriveSeed(1, 'host', 4));
    expect(deriveSeed(1, 'host', 3)).not.toBe(deriveSeed(2, 'host', 3));
    expect(deriveSeed(1, 'a', 'bc')).not.toBe(deriveSeed(1, 'ab', 'c'));
  });

  it('draws from the distributions it names', () => {
    const r = new Rng(99);
    const n = 20_000;
    const mean = (f: () => number) => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    expect(mean(() => r.next())).toBeCloseTo(0.5, 1);
    expect(mean(() => r.poisson(3))).toBeCloseTo(3, 0);
    expect(mean(() => r.poisson(100))).toBeGreaterThan(97);
    expect(mean(() => r.exponential(10))).toBeGreaterThan(9.5);
    const logs = Array.from({ length: n }, () => r.logNormal(100, 1)).sort((x, y) => x - y);
    expect(logs[n / 2]).toBeGreaterThan(90);
    expect(logs[n / 2]).toBeLessThan(110);
    for (let i = 0; i < 1000; i++) {
      const j = r.jitter(300, 0.2);
      expect(j).toBeGreaterThanOrEqual(240);
      expect(j).toBeLessThanOrEqual(360);
      const k = r.int(2, 4);
      expect([2, 3, 4]).toContain(k);
    }
  });

  it('picks by weight and writes identifiers of the requested length', () => {
    const r = new Rng(5);
    const c = cumulative([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const k = r.weighted(c);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / (counts[0] as number)).toBeGreaterThan(2.5);
    expect(r.hex(40)).toMatch(/^[0-9a-f]{40}$/);
    expect(r.base62(17)).toMatch(/^[0-9A-Za-z]{17}$/);
  });
});
