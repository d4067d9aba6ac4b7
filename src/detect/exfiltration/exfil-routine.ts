import { median } from '../../median.js';
import { type HourSeries, isOffHours } from './exfil-baseline.js';
import type { ExfilConfig, WorkingHours } from './exfil-config.js';

const hour = 3600;
const day = 24 * hour;

/** One transfer of a pair: consecutive busy hours, gaps of at most `routineGapHours` included. */
export interface Transfer {
  /** Start of its first busy hour (epoch seconds). */
  readonly start: number;
  readonly bytes: number;
}

/** What the routine test found: the transfers it compared, and whether they are the host's routine. */
export interface Routine {
  readonly routine: boolean;
  readonly transfers: readonly Transfer[];
  /** The usual transfer's volume (median), and its usual start as an hour of the day (local). */
  readonly usualBytes: number;
  readonly usualHour: number;
}

/**
 * The pair's transfers: hours that carry at least `routineBusyShare` of its peak hour (so the
 * handshakes and keep-alives between two nightly uploads do not join them), grouped while the
 * silence between two busy hours is at most `routineGapHours`. An upload running across midnight is
 * one transfer, not two nights.
 */
export function transfers(pair: HourSeries, cfg: Pick<ExfilConfig, 'routineBusyShare' | 'routineGapHours'>) {
  const peak = Math.max(0, ...pair.values());
  const busy = [...pair]
    .filter(([, b]) => b > 0 && b >= cfg.routineBusyShare * peak)
    .sort((a, b) => a[0] - b[0]);
  const out: { start: number; last: number; bytes: number }[] = [];
  for (const [h, b] of busy) {
    const cur = out.at(-1);
    if (cur && h - cur.last <= (cfg.routineGapHours + 1) * hour) {
      cur.last = h;
      cur.bytes += b;
    } else out.push({ start: h, last: h, bytes: b });
  }
  return out.map(({ start, bytes }): Transfer => ({ start, bytes }));
}

/** Hours between two times of day, around the clock (23:00 and 01:00 are 2 hours apart). */
function clockDistance(a: number, b: number): number {
  const d = Math.abs((((a - b) % day) + day) % day);
  return Math.min(d, day - d) / hour;
}

/**
 * A pair's own routine: at least `routineMinTransfers` (2) transfers, one per night or day, each
 * starting within `routineHourSlack` hours of the others' usual time of day, none more than
 * `routineMaxGapDays` after the one before (a weekend may pass without one), and none more than
 * `routineGrowth` times the median of the others (a nightly backup that suddenly grows several-fold
 * is not routine). A one-off upload is one transfer, and never routine.
 *
 * A baseline is what the host already did when the sensor began to see it: when `hostFirst` (the
 * host's first active hour in the data) is given, the first transfer must start within
 * `routineMaxGapDays` of it. A nightly upload that begins days into the data is new behaviour (an
 * intruder's scheduled exfiltration looks exactly like this), not the host's routine.
 */
export function routineOf(
  pair: HourSeries,
  cfg: Pick<
    ExfilConfig,
    | 'routineBusyShare'
    | 'routineGapHours'
    | 'routineMinTransfers'
    | 'routineHourSlack'
    | 'routineMaxGapDays'
    | 'routineGrowth'
  > & { readonly workingHours: WorkingHours },
  hostFirst?: number,
): Routine {
  const ts = transfers(pair, cfg);
  const offset = cfg.workingHours.utcOffsetMinutes * 60;
  const clock = ts.map((t) => (((t.start + offset) % day) + day) % day);
  const usualBytes = median(ts.map((t) => t.bytes));
  // The usual start: the transfer start closest to all others (a median around the clock).
  const usualClock =
    clock.length === 0
      ? 0
      : (clock
          .map((c) => ({ c, spread: clock.reduce((s, o) => s + clockDistance(c, o), 0) }))
          .sort((a, b) => a.spread - b.spread || a.c - b.c)[0]?.c ?? 0);
  const result = (routine: boolean): Routine => ({
    routine,
    transfers: ts,
    usualBytes,
    usualHour: Math.floor(usualClock / hour),
  });
  if (ts.length < cfg.routineMinTransfers) return result(false);
  const first = ts[0] as Transfer;
  if (
    hostFirst !== undefined &&
    first.start - hostFirst > cfg.routineMaxGapDays * day + cfg.routineHourSlack * hour
  )
    return result(false);
  if (clock.some((c) => clockDistance(c, usualClock) > cfg.routineHourSlack)) return result(false);
  for (let i = 1; i < ts.length; i++) {
    const gap = (ts[i] as Transfer).start - (ts[i - 1] as Transfer).start;
    if (
      gap < day - 2 * cfg.routineHourSlack * hour ||
      gap > cfg.routineMaxGapDays * day + cfg.routineHourSlack * hour
    )
      return result(false);
  }
  const grown = ts.some((t, i) => {
    const others = median(ts.filter((_, j) => j !== i).map((o) => o.bytes));
    return t.bytes > cfg.routineGrowth * Math.max(1, others);
  });
  return result(!grown);
}

/** Whether the routine's usual start falls outside working hours (a nightly job, for the sentence). */
export function isNightly(r: Routine, w: WorkingHours): boolean {
  const first = r.transfers[0];
  return first !== undefined && isOffHours(first.start, { ...w, weekendsOff: false });
}
