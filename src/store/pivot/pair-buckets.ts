/**
 * Edges (seconds) of the histogram of gaps between a pair's connections: log-spaced from a second
 * to a day, on values analysts think in (a beacon every 60 s falls in [60, 120)). The last bucket
 * is open.
 */
export const intervalEdges = [
  0, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400,
] as const;

/** Time-series bucket sizes, seconds: the smallest that keeps a span within `maxBuckets` is used. */
export const seriesSteps = [
  60, 300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 604_800, 2_592_000, 31_536_000,
] as const;

/** At most this many buckets in a pair's time series. */
export const maxSeriesBuckets = 200;

/** The bucket size for a span of `seconds`: at most `maxSeriesBuckets` buckets. */
export function seriesStep(seconds: number): number {
  for (const step of seriesSteps) if (Math.floor(seconds / step) + 1 <= maxSeriesBuckets) return step;
  return seriesSteps[seriesSteps.length - 1] as number;
}

/** A series with every bucket from the first to the last, empty ones as zeros. */
export function filledSeries(
  points: readonly {
    readonly b: number;
    readonly bytesOut: number;
    readonly bytesIn: number;
    readonly connections: number;
  }[],
  step: number,
): { t: string; bytesOut: number; bytesIn: number; connections: number }[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return [];
  const byStart = new Map(points.map((p) => [p.b, p]));
  const out = [];
  for (let b = first.b; b <= last.b; b += step) {
    const p = byStart.get(b);
    out.push({
      t: new Date(b * 1000).toISOString(),
      bytesOut: p?.bytesOut ?? 0,
      bytesIn: p?.bytesIn ?? 0,
      connections: p?.connections ?? 0,
    });
  }
  return out;
}
