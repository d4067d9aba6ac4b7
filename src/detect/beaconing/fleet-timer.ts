import type { BeaconStats } from './beacon-score.js';

/** What a series needs to be judged against the others on the same server. */
export interface TimedSeries {
  readonly host: string;
  /** The server's name, else its address. */
  readonly server: string;
  readonly stats: BeaconStats;
  readonly medianSize: number;
}

/** Thresholds of the fleet rule; documented in the README. */
export const fleetRule = {
  /** Hosts that must share the timer. */
  minHosts: 3,
  /** Intervals within this fraction of each other are the same timer. */
  intervalTolerance: 0.1,
  /** A software timer: gaps deviate from their median by under this fraction. */
  maxGapSpread: 0.03,
  /** Requests the same size within this fraction. */
  sizeTolerance: 0.1,
  /** What a fleet series keeps of its score. */
  weight: 0.45,
} as const;

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(a, b);

/**
 * Installed software polls its vendor on a precise timer, with the same request, from every host it
 * is installed on; an implant's operator usually adds jitter and reaches only the infected hosts.
 * Returns, per host and server, how many hosts share a precise timer of the same interval and
 * request size to that server, for those where at least `minHosts` do.
 */
export function fleetTimers(series: readonly TimedSeries[]): Map<string, number> {
  const byServer = new Map<string, TimedSeries[]>();
  for (const s of series) {
    if (s.stats.gapSpread > fleetRule.maxGapSpread) continue;
    const list = byServer.get(s.server) ?? [];
    list.push(s);
    byServer.set(s.server, list);
  }
  const out = new Map<string, number>();
  for (const list of byServer.values()) {
    if (new Set(list.map((s) => s.host)).size < fleetRule.minHosts) continue;
    for (const s of list) {
      const peers = new Set(
        list
          .filter(
            (o) =>
              near(o.stats.medianInterval, s.stats.medianInterval, fleetRule.intervalTolerance) &&
              near(o.medianSize, s.medianSize, fleetRule.sizeTolerance),
          )
          .map((o) => o.host),
      );
      if (peers.size >= fleetRule.minHosts) out.set(`${s.host}|${s.server}`, peers.size);
    }
  }
  return out;
}
