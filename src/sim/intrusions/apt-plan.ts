import type { Rng } from '../random.js';
import type { SleepMode } from '../sim-options.js';
import { inOperatorHours, isAsleep } from './apt-schedule.js';

/** One exfiltration upload: when it starts and how many bytes it carries. */
export interface ExfilChunk {
  readonly ts: number;
  readonly bytes: number;
}

/** When the hands-on operator can work: a working hour in their zone with the implant awake. */
function operatorHoursBetween(
  from: number,
  to: number,
  tz: number,
  hours: readonly [number, number],
  sleep: SleepMode,
): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(from / 3600) * 3600; t + 3600 <= to; t += 3600)
    if (inOperatorHours(t + 1800, tz, hours) && !isAsleep(t + 1800, sleep, tz)) out.push(t);
  return out;
}

/**
 * Staged exfiltration: `total` bytes in uploads of 5–30 MB, spread over up to six of the operator's
 * working hours after the compromise (any later hour when there are none, so the whole volume
 * always leaves within the window).
 */
export function planExfil(
  rng: Rng,
  total: number,
  compromise: number,
  end: number,
  tz: number,
  hours: readonly [number, number],
  sleep: SleepMode,
): ExfilChunk[] {
  if (total <= 0) return [];
  // Uploads of one sitting take up to about an hour: leave room for them before the window ends.
  let slots = operatorHoursBetween(compromise + 3600, end - 3600, tz, hours, sleep);
  if (slots.length === 0) slots = operatorHoursBetween(compromise + 1800, end - 3600, tz, [0, 24], 'none');
  if (slots.length === 0) slots = [Math.min(compromise + 600, end - 600)];
  const k = Math.min(slots.length, Math.max(1, Math.ceil(total / 60e6)), 6);
  const chosen = Array.from(
    { length: k },
    (_, i) => slots[k === 1 ? 0 : Math.round((i * (slots.length - 1)) / (k - 1))] as number,
  );
  const chunks: ExfilChunk[] = [];
  let left = total;
  for (let i = 0; i < k; i++) {
    let share = i === k - 1 ? left : Math.round(total / k);
    left -= share;
    let t = (chosen[i] as number) + rng.uniform(0, 1200);
    while (share > 0) {
      let bytes = Math.min(share, Math.round(rng.uniform(5e6, 25e6)));
      // No runt at the end: a remainder under 5 MB rides with the upload before it.
      if (share - bytes < 5e6) bytes = share;
      chunks.push({ ts: t, bytes });
      share -= bytes;
      t += bytes / 2.5e6 + rng.uniform(30, 240);
    }
  }
  return chunks;
}

/** Compromise times: the first host early in the window, the others spread after it (lateral movement). */
export function compromiseTimes(rng: Rng, count: number, start: number, end: number): number[] {
  const span = end - start;
  const times: number[] = [];
  let t = start + Math.max(600, span * rng.uniform(0.05, 0.2));
  for (let i = 0; i < count; i++) {
    times.push(Math.min(t, start + span * rng.uniform(0.65, 0.7)));
    t += Math.max(900, span * rng.uniform(0.03, 0.12));
  }
  return times;
}
