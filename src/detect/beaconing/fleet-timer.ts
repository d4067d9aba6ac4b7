import type { BeaconStats } from './beacon-score.js';

/** What a series needs to be judged against the others on the same server. */
export interface TimedSeries {
  readonly host: string;
  /** The server's name, else its address. */
  readonly server: string;
  readonly stats: BeaconStats;
  readonly medianSize: number;
  /** Internal hosts that reach the server at all. */
  readonly reach: number;
}

/** Thresholds of the fleet rule; documented in the README. */
export const fleetRule = {
  /** Hosts that must share the timer. */
  minHosts: 3,
  /** A precise timer to a server this many hosts reach is taken for software installed on them. */
  minReach: 5,
  /** Intervals within this fraction of each other are the same timer. */
  intervalTolerance: 0.1,
  /** A software timer: gaps deviate from their median by under this fraction. */
  maxGapSpread: 0.03,
  /** Requests the same size within this fraction. */
  sizeTolerance: 0.1,
  /** What a fleet series keeps of its score. */
  weight: 0.45,
} as const;

/** Why a series looks like installed software. */
export interface FleetTimer {
  /** Hosts seen polling the server on the same precise timer with the same request. */
  readonly peers: number;
  /** Hosts that reach the server at all. */
  readonly reach: number;
}

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(a, b);

/**
 * Installed software polls its vendor on a precise timer, with the same request, from every host it
 * is installed on; an implant's operator usually adds jitter and reaches only the infected hosts.
 * A precise timer is a fleet timer when at least `minHosts` hosts show it with the same interval and
 * request size, or when at least `minReach` hosts reach the server: the software's other
 * installations sit on machines switched off at night or polling too seldom for a schedule to show.
 * `series` are the precise timers only; returns, per host and server, why each is a fleet timer.
 */
export function fleetTimers(series: readonly TimedSeries[]): Map<string, FleetTimer> {
  const byServer = new Map<string, TimedSeries[]>();
  for (const s of series) {
    if (s.stats.gapSpread > fleetRule.maxGapSpread) continue;
    const list = byServer.get(s.server) ?? [];
    list.push(s);
    byServer.set(s.server, list);
  }
  const out = new Map<string, FleetTimer>();
  for (const list of byServer.values())
    for (const s of list) {
      const peers = new Set(
        list
          .filter(
            (o) =>
              near(o.stats.medianInterval, s.stats.medianInterval, fleetRule.intervalTolerance) &&
              near(o.medianSize, s.medianSize, fleetRule.sizeTolerance),
          )
          .map((o) => o.host),
      ).size;
      if (peers >= fleetRule.minHosts || s.reach >= fleetRule.minReach)
        out.set(`${s.host}|${s.server}`, { peers, reach: s.reach });
    }
  return out;
}
