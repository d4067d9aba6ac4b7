import type { SleepMode } from '../sim-options.js';
import { isWeekend, localDay, localHour, localMidnight, localWeekday } from '../time-zone.js';

/** The implant's night: from 22:00 to 07:00 in the operator's zone. */
export const nightHours = { from: 22, to: 7 } as const;

/** Whether an implant with this sleep mode is dormant at `t` (zone `tz` minutes east of UTC). */
export function isAsleep(t: number, sleep: SleepMode, tz: number): boolean {
  if (sleep === 'none') return false;
  const night = sleep === 'night' || sleep === 'night+weekend';
  const weekend = sleep === 'weekend' || sleep === 'night+weekend';
  if (weekend && isWeekend(t, tz)) return true;
  if (!night) return false;
  const h = localHour(t, tz);
  return h >= nightHours.from || h < nightHours.to;
}

/** The first moment at or after `t` when the implant is awake. */
export function wakeTime(t: number, sleep: SleepMode, tz: number): number {
  let w = t;
  for (let i = 0; i < 8 && isAsleep(w, sleep, tz); i++) {
    const day = localDay(w, tz);
    const weekend = (sleep === 'weekend' || sleep === 'night+weekend') && isWeekend(w, tz);
    if (weekend) {
      // Monday 00:00 local (then the night rule may push it to 07:00).
      const toMonday = (8 - localWeekday(w, tz)) % 7 || 7;
      w = localMidnight(day + toMonday, tz);
    } else {
      const h = localHour(w, tz);
      w = localMidnight(h >= nightHours.from ? day + 1 : day, tz) + nightHours.to * 3600;
    }
  }
  return w;
}

/** Whether `t` falls in the operator's working hours on a working day. */
export function inOperatorHours(t: number, tz: number, hours: readonly [number, number]): boolean {
  if (isWeekend(t, tz)) return false;
  const h = localHour(t, tz);
  const [from, to] = hours;
  return from < to ? h >= from && h < to : h >= from || h < to;
}

/** The next beacon after one at `t`: the interval moved by up to ±jitter × interval. */
export function nextBeacon(t: number, interval: number, jitter: number, u: number): number {
  return t + interval * (1 + jitter * (2 * u - 1));
}
