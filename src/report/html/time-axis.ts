const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A tick on a time axis: where it is and what it says. */
export interface TimeTick {
  readonly ms: number;
  readonly label: string;
}

/** Round-valued ticks across [from, to]: hours, days, weeks or month starts, about `target` of them. */
export function timeTicks(from: number, to: number, target = 6): TimeTick[] {
  const span = Math.max(to - from, 1);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (span > 75 * DAY) {
    const months = span / (30 * DAY);
    const step = Math.max(1, Math.ceil(months / target));
    const d = new Date(from);
    let y = d.getUTCFullYear();
    let m = d.getUTCMonth() + 1;
    const ticks: TimeTick[] = [];
    for (;;) {
      if (m > 11) {
        y += Math.floor(m / 12);
        m %= 12;
      }
      const ms = Date.UTC(y, m, 1);
      if (ms > to) break;
      ticks.push({ ms, label: new Date(ms).toISOString().slice(0, 7) });
      m += step;
    }
    return ticks;
  }
  const steps = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
  const step = steps.find((s) => span / s <= target) ?? 14 * DAY;
  const ticks: TimeTick[] = [];
  for (let ms = Math.ceil(from / step) * step; ms <= to; ms += step) {
    const iso = new Date(ms).toISOString();
    ticks.push({ ms, label: step >= DAY ? day(ms) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}` });
  }
  return ticks;
}
