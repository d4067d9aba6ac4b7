/**
 * UTC offsets (standard time) of the countries actors in the knowledge base are attributed to. An
 * hour of daylight saving does not change whether activity fits a working day.
 */
export const countryUtcOffsets: Readonly<Record<string, number>> = {
  AE: 4,
  AT: 1,
  BR: -3,
  BY: 3,
  CN: 8,
  DZ: 1,
  EG: 2,
  ES: 1,
  FR: 1,
  ID: 7,
  IL: 2,
  IN: 5.5,
  IQ: 3,
  IR: 3.5,
  IT: 1,
  KE: 3,
  KP: 9,
  KR: 9,
  KZ: 5,
  LB: 2,
  LY: 2,
  MA: 1,
  MY: 8,
  NG: 1,
  PK: 5,
  PS: 2,
  RO: 2,
  RU: 3,
  SY: 3,
  TN: 1,
  TR: 3,
  TW: 8,
  UA: 2,
  US: -5,
  VN: 7,
};

/** Local working hours: weekdays, from 08:00 to 19:00 (a long day, as operators keep). */
export const workingDay = { from: 8, to: 19 } as const;

/** Share of the times (ISO) that fall on a weekday between 08:00 and 19:00 at the given offset. */
export function workingHoursShare(times: readonly string[], offsetHours: number): number {
  let n = 0;
  let inside = 0;
  for (const t of times) {
    const ms = Date.parse(t);
    if (!Number.isFinite(ms)) continue;
    n++;
    const local = new Date(ms + offsetHours * 3_600_000);
    const day = local.getUTCDay();
    const hour = local.getUTCHours();
    if (day >= 1 && day <= 5 && hour >= workingDay.from && hour < workingDay.to) inside++;
  }
  return n === 0 ? 0 : inside / n;
}

/** "UTC+08:00". */
export function formatOffset(hours: number): string {
  const sign = hours < 0 ? '-' : '+';
  const a = Math.abs(hours);
  const h = Math.floor(a);
  const m = Math.round((a - h) * 60);
  return `UTC${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
