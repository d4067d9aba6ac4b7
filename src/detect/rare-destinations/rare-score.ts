/** Thresholds of the rare-destination score; defaults documented in the README. */
export interface RareConfig {
  /** Endpoints reached by more internal hosts are not rare. */
  readonly maxHosts: number;
  /** Pairs seen in fewer distinct clock hours (0–23) cannot score and are not even fetched. */
  readonly minHoursOfDay: number;
  /** The first hours of the network's history are learning: nothing first seen then is new. */
  readonly warmupHours: number;
  /** After the warm-up, newness grows to full over this many hours. */
  readonly rampHours: number;
  /** An endpoint first seen longer than this before the host's first contact in the window is old (days). */
  readonly recentDays: number;
}

export const defaultRareConfig: RareConfig = {
  maxHosts: 3,
  minHoursOfDay: 5,
  warmupHours: 12,
  rampHours: 24,
  recentDays: 7,
};

const clamp = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * 1 for an endpoint only one host reaches, less for two or three; 0 when it is not rare at all
 * (more hosts, or more than half of a small network).
 */
export function rarity(hosts: number, population: number, cfg: RareConfig = defaultRareConfig): number {
  if (hosts < 1 || hosts > cfg.maxHosts) return 0;
  if (population >= 2 && hosts / population > 0.5) return 0;
  return round(1 - (0.3 * (hosts - 1)) / Math.max(1, cfg.maxHosts - 1));
}

/**
 * How steadily the host comes back: distinct clock hours (0–23) with contact, 4 or fewer → 0, 16 or
 * more → 1. A site visited on many working days stays within a dozen clock hours; a check-in that
 * runs around the clock, even every few hours with jitter, fills most of them.
 */
export function persistence(hoursOfDay: number): number {
  return round(clamp((hoursOfDay - 4) / 12));
}

/**
 * How new the endpoint is to the network: 0 when first seen in the warm-up (the first 12 hours, when
 * everything is new) or long before this contact, growing to 1 a day after the warm-up.
 */
export function newness(
  firstSeenMs: number,
  historyStartMs: number | null,
  firstContactMs: number,
  cfg: RareConfig = defaultRareConfig,
): number {
  if (historyStartMs === null || !Number.isFinite(firstSeenMs)) return 0;
  if (firstContactMs - firstSeenMs > cfg.recentDays * 86_400_000) return 0;
  return round(
    clamp((firstSeenMs - historyStartMs - cfg.warmupHours * 3_600_000) / (cfg.rampHours * 3_600_000)),
  );
}

/**
 * Rare alone scores 0.15 and rare and new 0.25 (both under the 0.3 reporting floor: that is every
 * network's browsing long tail); rare and persistent reaches 0.45 (low: a niche updater); only rare,
 * new and persistent together reach medium, up to 0.7 (the slow C2 that appeared mid-history).
 */
export function rareScore(rare: number, persistent: number, fresh: number): number {
  return round(rare * (0.15 + 0.3 * persistent + 0.1 * fresh + 0.15 * persistent * fresh));
}
