import { describe, expect, it } from 'vitest';
import { hourSeries } from './exfil-baseline.js';
import { defaultExfilConfig } from './exfil-config.js';
import {
  excessFactor,
  exfilScore,
  rarityFactor,
  routineFactor,
  uploadFactor,
  uploadShare,
  volumeFactor,
} from './exfil-score.js';

const H = 3600;
const tue = Date.parse('2024-04-02T00:00:00Z') / 1000;

/** A day worker: 2 MB an hour 08–18 on three weekdays. */
function dayWorker(): Map<number, number> {
  const host = new Map<number, number>();
  for (let d = 0; d < 3; d++) for (let h = 8; h < 18; h++) host.set(tue + (d * 24 + h) * H, 2e6);
  return host;
}

function withPair(host: Map<number, number>, hours: number[], bytes: number[]) {
  const pair = hourSeries(hours, bytes);
  const all = new Map(host);
  for (const [h, b] of pair) all.set(h, (all.get(h) ?? 0) + b);
  return { pair, host: all };
}

describe('exfiltration factors', () => {
  it('scale volume, upload share, excess and rarity', () => {
    expect(volumeFactor(25e6)).toBe(0);
    expect(volumeFactor(5e9)).toBe(1);
    expect(volumeFactor(500e6)).toBeCloseTo(0.565, 2);
    expect(uploadShare(0, 0)).toBe(0);
    expect(uploadFactor(uploadShare(1e9, 1e9))).toBe(0);
    expect(uploadFactor(0.99)).toBe(1);
    expect(excessFactor(3)).toBe(0);
    expect(excessFactor(100)).toBe(1);
    expect(rarityFactor(1, 2000)).toBe(1);
    expect(rarityFactor(20, 30)).toBe(0);
    expect(rarityFactor(20, 2000)).toBeCloseTo(0.5, 2);
    expect(routineFactor(null)).toBe(defaultExfilConfig.unknownRoutine);
    expect(routineFactor(0)).toBe(defaultExfilConfig.routineFloor);
    expect(routineFactor(1)).toBe(1);
  });
});

describe('exfiltration score', () => {
  const rare = { prevalence: 1, internalHosts: 200 };

  it('rates a one-off 800 MB night upload to a rare server high', () => {
    const { pair, host } = withPair(dayWorker(), [tue + 26 * H, tue + 27 * H], [500e6, 300e6]);
    const s = exfilScore({ bytesOut: 800e6, bytesIn: 2e6, pair, host, ...rare });
    expect(s.score).toBeGreaterThanOrEqual(0.75);
    expect(s.stats['novelty']).toBe(1);
  });

  it('rates a 300 MB daytime upload medium, and the same night upload in a single day of logs medium too', () => {
    const day = withPair(dayWorker(), [tue + 38 * H], [300e6]);
    const s = exfilScore({ bytesOut: 300e6, bytesIn: 1e6, ...day, ...rare });
    expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(s.score).toBeLessThan(0.75);
    const single = new Map([...dayWorker()].filter(([h]) => h < tue + 24 * H));
    const night = withPair(single, [tue + 2 * H], [800e6]);
    const n = exfilScore({ bytesOut: 800e6, bytesIn: 1e6, ...night, ...rare });
    expect(n.novelty).toBeNull();
    expect(n.score).toBeGreaterThanOrEqual(0.5);
    expect(n.score).toBeLessThan(0.75);
  });

  it('keeps any single signal below medium', () => {
    // Huge, upload-only and rare, but the host streams like that every hour of every day.
    const stream = new Map<number, number>();
    for (let h = 0; h < 72; h++) stream.set(tue + h * H, 200e6);
    expect(
      exfilScore({ bytesOut: 14.4e9, bytesIn: 1e8, pair: stream, host: stream, ...rare }).score,
    ).toBeLessThan(0.5);
    // A nightly backup to its own server, every night.
    const nightly = new Map<number, number>();
    for (let d = 0; d < 3; d++) nightly.set(tue + (d * 24 + 1) * H, 400e6);
    const backup = withPair(dayWorker(), [...nightly.keys()], [...nightly.values()]);
    expect(exfilScore({ bytesOut: 1.2e9, bytesIn: 5e6, ...backup, ...rare }).score).toBeLessThan(0.5);
    // A big one-off daytime upload in one day of logs: volume and rarity but nothing else.
    const single = new Map([...dayWorker()].filter(([h]) => h < tue + 24 * H));
    const once = withPair(single, [tue + 11 * H], [500e6]);
    expect(exfilScore({ bytesOut: 500e6, bytesIn: 1e6, ...once, ...rare }).score).toBeLessThan(0.5);
    // A video call: as much in as out.
    const call = withPair(dayWorker(), [tue + 34 * H], [2e9]);
    expect(exfilScore({ bytesOut: 2e9, bytesIn: 2e9, ...call, ...rare }).score).toBe(0);
    // Just above the minimum, at night, one-off: still low.
    const small = withPair(dayWorker(), [tue + 26 * H], [30e6]);
    expect(exfilScore({ bytesOut: 30e6, bytesIn: 1e5, ...small, ...rare }).score).toBeLessThan(0.5);
  });

  it('scales a destination much of the network uses down to nothing', () => {
    const { pair, host } = withPair(dayWorker(), [tue + 26 * H], [800e6]);
    const s = exfilScore({ bytesOut: 800e6, bytesIn: 1e6, pair, host, prevalence: 60, internalHosts: 200 });
    expect(s.score).toBeLessThan(0.3);
  });
});
