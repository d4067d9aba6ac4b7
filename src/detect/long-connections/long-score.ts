/** Thresholds of the long-connection score; defaults documented in the README. */
export interface LongConfig {
  /** A single connection this long (seconds) scores 1. */
  readonly fullSingle: number;
  /** This much connection time in total (seconds) scores `totalWeight`. */
  readonly fullTotal: number;
  /**
   * What a long total alone can reach: many shorter sessions are weaker evidence than one long one
   * (chat and mail clients reconnect all day).
   */
  readonly totalWeight: number;
  /** Share of the monitored hosts above which a server is common (a chat or meeting service). */
  readonly commonShare: number;
}

export const defaultLongConfig: LongConfig = {
  fullSingle: 12 * 3600,
  fullTotal: 24 * 3600,
  totalWeight: 0.75,
  commonShare: 0.3,
};

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** 1 while at most `commonShare` of the hosts reach the server, falling to 0 as all of them do. */
export function serverRarity(prevalenceShare: number, cfg: LongConfig = defaultLongConfig): number {
  return prevalenceShare <= cfg.commonShare
    ? 1
    : clamp01(1 - (prevalenceShare - cfg.commonShare) / (1 - cfg.commonShare));
}

/**
 * A session held open for hours, or many short ones adding up to most of a day, is how interactive
 * C2 and tunnels look. Half the full duration scores 0.5, the reporting threshold; a server much of
 * the network holds connections to scales down towards 0.
 */
export function longScore(
  longest: number,
  total: number,
  prevalenceShare = 0,
  cfg: LongConfig = defaultLongConfig,
): number {
  const single = clamp01(longest / cfg.fullSingle);
  const sum = cfg.totalWeight * clamp01(total / cfg.fullTotal);
  const rarity = serverRarity(prevalenceShare, cfg);
  return Math.round(Math.max(single, sum) * rarity * 1000) / 1000;
}
