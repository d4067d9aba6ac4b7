/** How a Zeek type is read before it is mapped to a column. */
export type ZeekScalarKind = 'time' | 'count' | 'int' | 'port' | 'double' | 'bool' | 'string' | 'list';

/** Classifies a Zeek `#types` entry. */
export function zeekKind(type: string): ZeekScalarKind {
  if (type.startsWith('set[') || type.startsWith('vector[') || type.startsWith('table[')) return 'list';
  switch (type) {
    case 'time':
      return 'time';
    case 'count':
      return 'count';
    case 'int':
      return 'int';
    case 'port':
      return 'port';
    case 'interval':
    case 'double':
      return 'double';
    case 'bool':
      return 'bool';
    default:
      return 'string';
  }
}

/** How an `extra` value of a Zeek type is written to JSON, as Zeek's own JSON writer would. */
export type ZeekJsonKind = 'number' | 'bool' | 'string';

/** The JSON kind of a Zeek type, or of a container's elements (`set[count]` → number). */
export function zeekJsonKind(type: string): ZeekJsonKind {
  const open = type.indexOf('[');
  const inner = open >= 0 && type.endsWith(']') ? type.slice(open + 1, -1) : type;
  switch (zeekKind(inner)) {
    case 'count':
    case 'int':
    case 'port':
    case 'double':
    case 'time':
      return 'number';
    case 'bool':
      return 'bool';
    default:
      return 'string';
  }
}

/** Plain decimal text, as Zeek writes numbers; anything else in a numeric field stays text. */
export const plainNumberPattern = '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?';
const plainNumberRe = new RegExp(`^${plainNumberPattern}$`);

/** One TSV field (not unset, not empty) as the JSON value Zeek's JSON writer gives for it. */
export function zeekTextToJson(text: string, kind: ZeekJsonKind): unknown {
  if (kind === 'number' && plainNumberRe.test(text)) return Number(text);
  if (kind === 'bool' && (text === 'T' || text === 'F')) return text === 'T';
  return unescapeZeek(text);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * Decodes a value as Zeek's ASCII writer escaped it, scanning left to right: `\\` is one
 * backslash and `\xHH` one byte (separators, non-printable bytes, a leading `-` or `(` of values
 * equal to the unset/empty markers); any other backslash is kept as written. The bytes are read
 * as UTF-8, invalid sequences becoming U+FFFD.
 */
export function unescapeZeek(value: string): string {
  let at = value.indexOf('\\');
  if (at < 0) return value;
  const parts: Buffer[] = [];
  let from = 0;
  const flushText = (to: number) => {
    if (to > from) parts.push(Buffer.from(value.slice(from, to), 'utf8'));
  };
  while (at >= 0) {
    const next = value.charCodeAt(at + 1);
    let width = 0;
    let byte = -1;
    if (next === 0x5c) {
      width = 2;
      byte = 0x5c;
    } else if (next === 0x78) {
      const hi = hexValue(value.charCodeAt(at + 2));
      const lo = hexValue(value.charCodeAt(at + 3));
      if (hi >= 0 && lo >= 0) {
        width = 4;
        byte = hi * 16 + lo;
      }
    }
    if (width > 0) {
      flushText(at);
      parts.push(Buffer.of(byte));
      from = at + width;
      at = value.indexOf('\\', from);
    } else {
      // Not an escape: the backslash stays, and scanning goes on after it.
      at = value.indexOf('\\', at + 1);
    }
  }
  flushText(value.length);
  return Buffer.concat(parts).toString('utf8');
}

const decimalRe = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/**
 * A decimal number in text, scaled to an integer number of 10^-scale units and rounded half away
 * from zero, the way DuckDB's reader does; null when the text is not a number.
 * Accepts what Zeek and DuckDB accept: signs, surrounding spaces and exponents (`2.3e+09`).
 */
export function parseScaled(text: string, scale: number): bigint | null {
  const m = decimalRe.exec(text.trim());
  if (!m) return null;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  if (whole === '' && frac === '') return null;
  const shift = Number(m[4] ?? 0) + scale - frac.length;
  let v = BigInt(`${whole}${frac}` || '0');
  if (shift >= 0) v *= 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    const rem = v % div;
    v = v / div + (rem * 2n >= div ? 1n : 0n);
  }
  return m[1] === '-' ? -v : v;
}

// DuckDB reads Zeek times as DECIMAL(18,6): at most 12 digits before the point.
const maxDecimal18 = 10n ** 18n;

// What Zeek writes: plain digits, or seconds with six decimals. Such values fit a double exactly,
// so the hot path avoids BigInt (and the garbage it makes).
const plainTimeRe = /^(\d{1,10})\.(\d{6})$/;
const maxPlainSeconds = 9_000_000_000; // below 2^53 microseconds
const plainIntRe = /^\d{1,15}$/;

/** Epoch seconds text to microseconds, exactly (no float rounding); null when not a number. */
export function parseEpochMicros(text: string): number | bigint | null {
  const m = plainTimeRe.exec(text);
  if (m && Number(m[1]) < maxPlainSeconds) return Number(m[1]) * 1_000_000 + Number(m[2]);
  const v = parseScaled(text, 6);
  return v === null || v >= maxDecimal18 || v <= -maxDecimal18 ? null : v;
}

/**
 * A double rounded to six decimals, half away from zero as DuckDB's round(x, 6) does, with −0 as 0.
 * Double columns hold intervals (durations, RTTs, TTLs), which Zeek's TSV writes to the
 * microsecond; JSON gives the full double, so both are stored to the microsecond like timestamps,
 * and the range is checked on the stored value: −2.5e-318 in JSON is the TSV's 0.000000 (or
 * -0.000000), not a negative interval.
 */
export function roundMicros(v: number): number {
  if (!Number.isFinite(v)) return v;
  const r = Math.round(Math.abs(v) * 1e6) / 1e6;
  // As DuckDB: a value too large to scale is already whole microseconds.
  if (!Number.isFinite(r)) return v;
  return v < 0 && r !== 0 ? -r : r;
}

/** Epoch seconds as a JSON number to microseconds. */
export function epochNumberToMicros(value: number): number | bigint | null {
  if (!Number.isFinite(value)) return null;
  return parseEpochMicros(value.toFixed(6));
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a `YYYY-MM-DD` date exists (Date.parse rolls 2016-02-30 over to March 1). */
export function isRealDate(ymd: string): boolean {
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(5, 7));
  const day = Number(ymd.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : monthDays[month - 1]!);
}

/** ISO-8601 timestamp to epoch microseconds, keeping sub-millisecond digits; null for impossible dates. */
export function isoToMicros(text: string): bigint | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m || !isRealDate(m[1] as string)) return null;
  const zone = m[4] ?? 'Z';
  const iso = `${m[1]}T${m[2]}${zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const frac = BigInt(((m[3] ?? '') + '000000').slice(0, 6));
  return BigInt(ms) * 1000n + frac;
}

const maxU64 = 18446744073709551615n;

/** Unsigned 64-bit integer text, or null when malformed, negative or out of range. */
export function parseCount(text: string): number | bigint | null {
  if (plainIntRe.test(text)) return Number(text);
  if (text.trimStart().startsWith('-')) return null;
  const v = parseScaled(text, 0);
  return v !== null && v <= maxU64 ? v : null;
}

/** Signed 64-bit integer text, or null. */
export function parseInt64(text: string): number | bigint | null {
  if (plainIntRe.test(text)) return Number(text);
  const v = parseScaled(text, 0);
  return v !== null && v >= -(2n ** 63n) && v < 2n ** 63n ? v : null;
}

/** Port text (0–65535), or null. */
export function parsePort(text: string): number | null {
  const v = parseCount(text);
  return v !== null && v <= 65535 ? Number(v) : null;
}

const doubleRe = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const specialDoubles: Record<string, number> = {
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '-infinity': -Infinity,
  nan: Number.NaN,
};

/** Floating-point text, or null. */
export function parseDouble(text: string): number | null {
  const t = text.trim();
  if (doubleRe.test(t)) return Number(t);
  return specialDoubles[t.toLowerCase()] ?? null;
}

const trueWords = new Set(['t', 'true', '1', 'y', 'yes']);
const falseWords = new Set(['f', 'false', '0', 'n', 'no']);

/** Zeek's T/F booleans (and the other spellings DuckDB's reader accepts), or null. */
export function parseBool(text: string): boolean | null {
  if (text === 'T') return true;
  if (text === 'F') return false;
  const lower = text.toLowerCase();
  if (trueWords.has(lower)) return true;
  if (falseWords.has(lower)) return false;
  return null;
}
