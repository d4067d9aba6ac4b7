import { median } from '../../median.js';
import type { WorkingHours } from './exfil-config.js';

/** Bytes sent per hour, keyed by the hour's start (epoch seconds). */
export type HourSeries = ReadonlyMap<number, number>;

const hour = 3600;
/** Hours either side of the peak that belong to the same transfer. */
const burstReach = 11 * hour;

/** An hour series from the parallel lists the store returns. */
export function hourSeries(hours: readonly number[], bytes: readonly number[]): HourSeries {
  const m = new Map<number, number>();
  hours.forEach((h, i) => {
    m.set(h, (m.get(h) ?? 0) + (bytes[i] ?? 0));
  });
  return m;
}

/** Whether the hour starting at `epoch` falls outside working hours, in local time. */
export function isOffHours(epoch: number, w: WorkingHours): boolean {
  const local = epoch + w.utcOffsetMinutes * 60;
  const weekday = new Date(local * 1000).getUTCDay();
  if (w.weekendsOff && (weekday === 0 || weekday === 6)) return true;
  const h = ((Math.floor(local / hour) % 24) + 24) % 24;
  const working = w.start <= w.end ? h >= w.start && h < w.end : h >= w.start || h < w.end;
  return !working;
}

/** The local calendar day (days since the epoch) of an instant. */
export function localDay(epoch: number, w: WorkingHours): number {
  return Math.floor((epoch + w.utcOffsetMinutes * 60) / 86400);
}

/** How one pair's transfer compares with the rest of its host's traffic and with its other days. */
export interface Baseline {
  /** The hour the pair sent the most, and how much. */
  readonly peakHour: number;
  readonly peakBytes: number;
  /**
   * Median of the host's outbound per hour with outbound traffic (uploading or not), this pair
   * included: a burst of a few hours leaves it alone, a host that streams out all day raises it.
   */
  readonly usualHour: number;
  /** Share of the pair's bytes sent outside working hours. */
  readonly offShare: number;
  /** The share a transfer spread evenly over the host's observed span would have had. */
  readonly evenOffShare: number;
  /** The same share for the host's other outbound (0 when it sent next to nothing else). */
  readonly hostOffShare: number;
  /** The pair's bytes within 11 hours of its peak: the transfer itself. */
  readonly burstBytes: number;
  /** Median of what the pair sent on the host's other days with traffic; null when there is no other day. */
  readonly usualDay: number | null;
  /** How many other active days the host has. */
  readonly otherDays: number;
}

/** The host's own baseline for one pair: its usual hour, its usual share of off-hours work, other days. */
export function baseline(pair: HourSeries, host: HourSeries, w: WorkingHours, quiet = 1e6): Baseline {
  let peakHour = 0;
  let peakBytes = 0;
  let total = 0;
  let off = 0;
  for (const [h, b] of pair) {
    if (b > peakBytes || (b === peakBytes && h < peakHour)) [peakHour, peakBytes] = [h, b];
    total += b;
    if (isOffHours(h, w)) off += b;
  }
  return {
    peakHour,
    peakBytes,
    offShare: total > 0 ? off / total : 0,
    ...habits(pair, host, w, quiet),
    ...otherDays(pair, host, peakHour, w),
  };
}

/** The host's usual hour, and when it usually sends what it sends elsewhere. */
function habits(pair: HourSeries, host: HourSeries, w: WorkingHours, quiet: number) {
  const usualHour = median([...host.values()]);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const h of host.keys()) [first, last] = [Math.min(first, h), Math.max(last, h)];
  let hours = 0;
  let offHours = 0;
  for (let h = first; h <= last; h += hour) {
    hours += 1;
    if (isOffHours(h, w)) offHours += 1;
  }
  // Other bursts (a second exfiltration server, a backup) are capped so they do not define the habit.
  const cap = 3 * Math.max(usualHour, quiet);
  let rest = 0;
  let restOff = 0;
  for (const [h, b] of host) {
    const r = Math.min(cap, Math.max(0, b - (pair.get(h) ?? 0)));
    rest += r;
    if (isOffHours(h, w)) restOff += r;
  }
  return {
    usualHour,
    hostOffShare: rest >= quiet ? restOff / rest : 0,
    evenOffShare: hours > 0 ? offHours / hours : 0,
  };
}

/** The transfer (bytes within 11 h of the peak) against what the pair sends on the host's other days. */
function otherDays(pair: HourSeries, host: HourSeries, peakHour: number, w: WorkingHours) {
  const touched = new Set<number>();
  for (let h = peakHour - burstReach; h <= peakHour + burstReach; h += hour) touched.add(localDay(h, w));
  const days = new Set<number>();
  for (const h of host.keys()) if (!touched.has(localDay(h, w))) days.add(localDay(h, w));
  let burstBytes = 0;
  const perDay = new Map<number, number>();
  for (const [h, b] of pair) {
    if (Math.abs(h - peakHour) <= burstReach) burstBytes += b;
    perDay.set(localDay(h, w), (perDay.get(localDay(h, w)) ?? 0) + b);
  }
  const usualDay = days.size ? median([...days].map((d) => perDay.get(d) ?? 0)) : null;
  return { burstBytes, usualDay, otherDays: days.size };
}
