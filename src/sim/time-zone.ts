/** A fixed UTC offset such as `+08:00`, in minutes east of UTC; null when the text is not one. */
export function parseUtcOffset(text: string): number | null {
  const m = /^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text.trim());
  if (!m) return text.trim().toUpperCase() === 'UTC' || text.trim() === 'Z' ? 0 : null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[2]) > 14 || Number(m[3] ?? 0) >= 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

/** `+08:00` for 480. */
export function formatUtcOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Wall-clock hour (fractional, 0–24) at epoch seconds `t` in a zone `offset` minutes east of UTC. */
export function localHour(t: number, offset: number): number {
  const s = (((t + offset * 60) % 86_400) + 86_400) % 86_400;
  return s / 3600;
}

/** Local calendar day number (days since 1970-01-01 in that zone). */
export function localDay(t: number, offset: number): number {
  return Math.floor((t + offset * 60) / 86_400);
}

/** Local weekday, 0 = Sunday … 6 = Saturday. */
export function localWeekday(t: number, offset: number): number {
  return (localDay(t, offset) + 4) % 7;
}

/** Whether `t` falls on a Saturday or Sunday in that zone. */
export function isWeekend(t: number, offset: number): boolean {
  const d = localWeekday(t, offset);
  return d === 0 || d === 6;
}

/** Epoch seconds of local midnight starting local day `day`. */
export function localMidnight(day: number, offset: number): number {
  return day * 86_400 - offset * 60;
}
