import type { Rng } from '../random.js';
import { isWeekend, localMidnight } from '../time-zone.js';
import type { HostProfile } from './host-profile.js';

/** One local day of a workstation: when it is powered and when its user is at the desk. */
export interface DayPlan {
  readonly day: number;
  /** Powered interval in epoch seconds (empty when from >= to). */
  readonly poweredFrom: number;
  readonly poweredTo: number;
  /** Intervals with the user at the desk, in epoch seconds. */
  readonly desk: readonly (readonly [number, number])[];
}

/**
 * A day of office life: on working days most people come in around their usual time, some take a
 * lunch break away from the desk, a few are off; at weekends a handful come in for a few hours.
 * Machines that are not left on are powered from shortly before arrival to shortly after leaving.
 */
export function planDay(rng: Rng, p: HostProfile, day: number, tz: number): DayPlan {
  const midnight = localMidnight(day, tz);
  const weekend = isWeekend(midnight + 43_200, tz);
  const desk: [number, number][] = [];
  if (weekend ? rng.chance(0.04) : rng.chance(0.93)) {
    const arrive = weekend ? rng.uniform(9.5, 13) : p.arrival + 0.3 * rng.normal();
    const leave = weekend ? arrive + rng.uniform(1.5, 4.5) : p.departure + 0.4 * rng.normal();
    const at = (h: number) => midnight + h * 3600;
    if (!weekend && rng.chance(0.6)) {
      const lunch = rng.uniform(11.8, 13.2);
      desk.push([at(arrive), at(lunch)], [at(lunch + rng.uniform(0.4, 1)), at(leave)]);
    } else desk.push([at(arrive), at(leave)]);
  }
  const first = desk[0];
  const last = desk[desk.length - 1];
  if (p.alwaysOn) return { day, poweredFrom: midnight, poweredTo: midnight + 86_400, desk };
  if (!first || !last) return { day, poweredFrom: midnight, poweredTo: midnight, desk };
  return {
    day,
    poweredFrom: first[0] - rng.uniform(60, 600),
    poweredTo: last[1] + rng.uniform(30, 900),
    desk,
  };
}
