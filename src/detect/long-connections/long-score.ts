/** Thresholds of the long-connection score; defaults documented in the README. */
export interface LongConfig {
  /** A single connection this long (seconds) scores 1. */
  readonly fullSingle: number;
  /** This much connection time in total (seconds) scores 0.9. */
  readonly fullTotal: number;
}

export const defaultLongConfig: LongConfig = { fullSingle: 12 * 3600, fullTotal: 24 * 3600 };

/**
 * A session held open for hours, or many short ones adding up to most of a day, is how interactive
 * C2 and tunnels look. Half the full duration scores 0.5, the reporting threshold.
 */
export function longScore(longest: number, total: number, cfg: LongConfig = defaultLongConfig): number {
  const single = Math.min(1, Math.max(0, longest / cfg.fullSingle));
  const sum = 0.9 * Math.min(1, Math.max(0, total / cfg.fullTotal));
  return Math.round(Math.max(single, sum) * 1000) / 1000;
}
