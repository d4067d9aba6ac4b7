// The comparison baseline of `npm run bench:detect`: a plain RITA-style beacon score, written for
// this benchmark from RITA's published description. Per host → server address, over the last 24 hours
// of the data only: Bowley skew and median absolute deviation of the connection intervals and of the
// request sizes, plus a connection-count part. No prevalence, no names, no warninglists.
import type { ConnectionSeries } from '../../src/detect/beaconing/beaconing-query.js';

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

/** Bowley (quartile) skewness: 0 for a symmetric spread, ±1 when one tail dominates. */
export function bowleySkew(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const q1 = quantile(s, 0.25);
  const q2 = quantile(s, 0.5);
  const q3 = quantile(s, 0.75);
  return q3 - q1 === 0 ? 0 : (q3 + q1 - 2 * q2) / (q3 - q1);
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = quantile(s, 0.5);
  return quantile(
    values.map((v) => Math.abs(v - m)).sort((a, b) => a - b),
    0.5,
  );
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The RITA-style score of one series, restricted to the 24 hours before `windowEnd` (epoch seconds). */
export function ritaStyleScore(s: ConnectionSeries, windowEnd: number): number {
  const keep = s.times
    .map((t, i) => [t, s.origBytes[i] ?? 0] as const)
    .filter(([t]) => t > windowEnd - 86_400);
  if (keep.length < 6) return 0;
  const times = keep.map(([t]) => t);
  const sizes = keep.map(([, b]) => b);
  const intervals = times.slice(1).map((t, i) => t - (times[i] ?? t));
  // Timing: symmetric intervals, little spread in absolute seconds (30 s of MAD scores 0), and
  // enough connections for the day.
  const tsSkew = 1 - Math.abs(bowleySkew(intervals));
  const tsMad = clamp01(1 - mad(intervals) / 30);
  const tsCount = clamp01(times.length / 24);
  const timing = (tsSkew + tsMad + tsCount) / 3;
  // Sizes: symmetric, little spread (32 bytes of MAD scores 0), and small.
  const dsSkew = 1 - Math.abs(bowleySkew(sizes));
  const dsMad = clamp01(1 - mad(sizes) / 32);
  const mode = modeOf(sizes);
  const dsSmall = clamp01(1 - mode / 65_535);
  const size = (dsSkew + dsMad + dsSmall) / 3;
  return Math.round(((timing + size) / 2) * 1000) / 1000;
}

function modeOf(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN || (n === bestN && v < best)) {
      best = v;
      bestN = n;
    }
  }
  return best;
}
