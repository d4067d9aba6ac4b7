import { median } from '../../median.js';
/** Tunable thresholds of the beacon score; defaults documented in the README. */
export interface BeaconConfig {
  /** Intervals within this fraction of the median interval count as on schedule (±50% jitter). */
  readonly jitterBand: number;
  /** Share of on-schedule intervals random (Poisson) traffic reaches: the score's zero. */
  readonly randomInBand: number;
  /** Requests within this fraction of the median size count as the same size. */
  readonly sizeBand: number;
  /** Connections needed for full confidence in the timing statistics. */
  readonly fullCount: number;
  /** Share of the monitored hosts above which a destination grows common. */
  readonly commonShare: number;
  /** Share of the monitored hosts at which a destination is everyone's, not C2 by itself. */
  readonly everyoneShare: number;
  /** Distinct hours with contact needed for full persistence. */
  readonly fullHours: number;
}

export const defaultBeaconConfig: BeaconConfig = {
  jitterBand: 0.5,
  randomInBand: 0.36,
  sizeBand: 0.25,
  fullCount: 48,
  commonShare: 0.1,
  everyoneShare: 0.5,
  fullHours: 12,
};

/** The statistics a beacon score is made of. */
export interface BeaconStats {
  readonly intervals: number;
  /** Median seconds between connections (same-second repeats merged). */
  readonly medianInterval: number;
  /** Share of intervals within the jitter band of the median. */
  readonly onSchedule: number;
  /** Median absolute deviation of the intervals over their median: near 0 for a precise timer. */
  readonly gapSpread: number;
  /** Share of request sizes within the size band of the median. */
  readonly sameSize: number;
  /** Distinct hours with contact. */
  readonly hours: number;
  readonly days: number;
  readonly timing: number;
  readonly size: number;
  readonly persistence: number;
  readonly countFactor: number;
  /** 1 for a rare destination, less as more of the network talks to it. */
  readonly rarity: number;
  /** Events closer than this many seconds were merged into one contact before scoring (0: none). */
  readonly mergedWithin: number;
}

/** Merge windows tried, in seconds: raw events, then bursts merged at one and at five minutes. */
export const mergeWindows = [0, 60, 300] as const;

/**
 * Merges events that follow the previous one within `within` seconds into one contact (its first
 * event and size). An operator's interactive session on a C2 channel is hundreds of events seconds
 * apart; merged, it is one contact, and the check-ins around it keep their schedule.
 */
export function mergeBursts(
  times: readonly number[],
  sizes: readonly number[],
  within: number,
): { times: number[]; sizes: number[] } {
  if (within <= 0) return { times: [...times], sizes: [...sizes] };
  const t: number[] = [];
  const s: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  times.forEach((x, i) => {
    if (x - last >= within) {
      t.push(x);
      s.push(sizes[i] ?? 0);
    }
    last = x;
  });
  return { times: t, sizes: s };
}

/**
 * The beacon score at each merge window, best kept: a plain beacon scores best unmerged, a beacon
 * interleaved with interactive bursts once the bursts are merged.
 */
export function beaconScoreMerged(
  times: readonly number[],
  sizes: readonly number[],
  prevalenceShare: number,
  cfg: BeaconConfig = defaultBeaconConfig,
  observedHours = Number.POSITIVE_INFINITY,
): { score: number; stats: BeaconStats } {
  let best: { score: number; stats: BeaconStats } | null = null;
  for (const w of mergeWindows) {
    const m = mergeBursts(times, sizes, w);
    if (w > 0 && m.times.length === times.length) continue;
    const r = beaconScore(m.times, m.sizes, prevalenceShare, cfg, observedHours);
    const scored = { score: r.score, stats: { ...r.stats, mergedWithin: w } };
    if (!best || scored.score > best.score) best = scored;
  }
  return best as { score: number; stats: BeaconStats };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function shareNear(values: readonly number[], center: number, band: number): number {
  if (values.length === 0 || center <= 0) return 0;
  const lo = center * (1 - band);
  const hi = center * (1 + band);
  return values.filter((v) => v >= lo && v <= hi).length / values.length;
}

/**
 * Scores one host → server series. Unlike a skew/MAD score, the timing part asks what share of the
 * gaps fall within ±50% of the typical gap: a jittered beacon keeps nearly all of them there, and a
 * night's sleep costs one gap, while human or random traffic keeps about a third. Size regularity
 * and persistence across the hours of the window back it up; few connections and a destination much
 * of the network uses scale it down.
 */
export function beaconScore(
  times: readonly number[],
  sizes: readonly number[],
  prevalenceShare: number,
  cfg: BeaconConfig = defaultBeaconConfig,
  /** Hours the sensor watched; a capture shorter than `fullHours` cannot ask for more. */
  observedHours = Number.POSITIVE_INFINITY,
): { score: number; stats: BeaconStats } {
  const starts = [...new Set(times.map((t) => Math.floor(t)))].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < starts.length; i++) gaps.push((starts[i] ?? 0) - (starts[i - 1] ?? 0));
  const medianInterval = median(gaps);
  const onSchedule = shareNear(gaps, medianInterval, cfg.jitterBand);
  const gapSpread =
    medianInterval > 0 ? median(gaps.map((g) => Math.abs(g - medianInterval))) / medianInterval : 1;
  const timing = clamp01((onSchedule - cfg.randomInBand) / (0.95 - cfg.randomInBand));
  const medianSize = median(sizes);
  const sameSize =
    medianSize === 0
      ? sizes.filter((s) => s === 0).length / Math.max(1, sizes.length)
      : shareNear(sizes, medianSize, cfg.sizeBand);
  const size = clamp01((sameSize - 0.3) / 0.6);
  // Persistence: how many distinct hours had contact. A beacon keeps coming back for hours and days
  // (nights off or not); an interactive session or a burst of polling does not.
  const hours = new Set(starts.map((t) => Math.floor(t / 3600))).size;
  const days = new Set(starts.map((t) => Math.floor(t / 86400))).size;
  const persistence = clamp01(hours / Math.max(1, Math.min(cfg.fullHours, observedHours)));
  const countFactor = clamp01(Math.log(Math.max(1, gaps.length)) / Math.log(cfg.fullCount));
  const rarity =
    prevalenceShare <= cfg.commonShare
      ? 1
      : clamp01(1 - (prevalenceShare - cfg.commonShare) / (cfg.everyoneShare - cfg.commonShare));
  const score = (0.7 * timing + 0.3 * size) * (0.25 + 0.75 * persistence) * countFactor * rarity;
  return {
    score: Math.round(score * 1000) / 1000,
    stats: {
      intervals: gaps.length,
      medianInterval,
      onSchedule: round3(onSchedule),
      gapSpread: round3(gapSpread),
      sameSize: round3(sameSize),
      hours,
      days,
      timing: round3(timing),
      size: round3(size),
      persistence: round3(persistence),
      countFactor: round3(countFactor),
      rarity: round3(rarity),
      mergedWithin: 0,
    },
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
