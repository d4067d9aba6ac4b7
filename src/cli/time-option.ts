import { errorCodes, MamoriError } from '../errors.js';

/** The forms `--from` and `--to` accept, as usage errors and `--help` list them. */
export const timeForms =
  'YYYY-MM-DD (00:00 UTC), YYYY-MM-DDTHH:MM[:SS[.fff]] with an optional offset Z, +09:00 or +0900 ' +
  '(no offset = UTC), Unix epoch seconds (e.g. 1464825600), now, today, yesterday (00:00 UTC), ' +
  'or a span back from now such as 90m, 24h, 7d, 2w (a leading - is allowed: -24h)';

const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const epochSeconds = /^\d{9,11}(?:\.\d{1,9})?$/;
const span = /^-?(\d{1,6})\s*(m|min|h|d|w)$/i;
const spanMs = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const dayMs = 86_400_000;

function badTime(name: string, value: string, why: string): MamoriError {
  return new MamoriError(
    errorCodes.usage,
    `option ${name}: "${value}" is not a time (${why}); accepted: ${timeForms}`,
  );
}

/** Minutes east of UTC of an ISO offset (`Z`, `+09`, `+09:00`, `-0530`), or null when out of range. */
function offsetMinutes(text: string | undefined): number | null {
  if (text === undefined || text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 18 || minutes > 59) return null;
  return (text[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** An ISO date or date-time as epoch milliseconds; throws when a field is out of its calendar range. */
function isoMillis(name: string, value: string, m: RegExpExecArray): number {
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', off] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const fields = [Number(h), Number(mi), Number(s)] as const;
  if (month < 1 || month > 12) throw badTime(name, value, `month ${mo} does not exist`);
  // Date.UTC rolls 30 February over into March; a date that does not round-trip does not exist.
  const midnight = Date.UTC(year, month - 1, day);
  const back = new Date(midnight);
  if (day < 1 || back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) {
    throw badTime(name, value, `${y}-${mo}-${d} is not a calendar date`);
  }
  if (fields[0] > 23 || fields[1] > 59 || fields[2] > 59) {
    throw badTime(name, value, 'the time of day is out of range');
  }
  const offset = offsetMinutes(off);
  if (offset === null) throw badTime(name, value, `offset ${off} is out of range (at most ±18:00)`);
  const ms = Number(`0.${frac || '0'}`) * 1000;
  return midnight + ((fields[0] * 60 + fields[1] - offset) * 60 + fields[2]) * 1000 + Math.floor(ms);
}

/**
 * Parses a `--from`/`--to` value into an ISO 8601 UTC instant (`2016-06-02T05:00:00.000Z`).
 * Relative forms (today, yesterday, 24h) are taken from `now`, in UTC, so a run means the same
 * under any TZ. A value that is none of {@link timeForms} is a usage error.
 */
export function parseTimeOption(name: string, value: string, now: Date = new Date()): string {
  const text = value.trim();
  const iso = dateTime.exec(text);
  let ms: number;
  if (iso) ms = isoMillis(name, value, iso);
  else if (epochSeconds.test(text)) ms = Math.round(Number(text) * 1000);
  else if (/^now$/i.test(text)) ms = now.getTime();
  else if (/^(today|yesterday)$/i.test(text)) {
    const today = Math.floor(now.getTime() / dayMs) * dayMs;
    ms = text.toLowerCase() === 'today' ? today : today - dayMs;
  } else {
    const back = span.exec(text);
    if (!back) throw badTime(name, value, 'unknown form');
    const unit = (back[2] ?? 'h').toLowerCase() as keyof typeof spanMs;
    ms = now.getTime() - Number(back[1]) * spanMs[unit];
  }
  const date = new Date(ms);
  if (!Number.isFinite(ms) || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999) {
    throw badTime(name, value, 'outside the years 1970 to 9999');
  }
  return date.toISOString();
}

/** A commander argument parser for a time option (`--from`, `--to`). */
export function timeOption(name: string): (value: string) => string {
  return (value) => parseTimeOption(name, value);
}

/** Checks a parsed window: `--from` after `--to` selects nothing, so it is a usage error. */
export function checkTimeWindow(w: { readonly from?: string; readonly to?: string }): void {
  if (w.from !== undefined && w.to !== undefined && w.from > w.to) {
    throw new MamoriError(
      errorCodes.usage,
      `--from ${w.from} is after --to ${w.to}: the window would select nothing`,
    );
  }
}
