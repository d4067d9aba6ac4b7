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

const escapeRe = /\\x([0-9a-fA-F]{2})/;

/** Decodes Zeek's `\xHH` byte escapes in a value; bytes that are not UTF-8 become U+FFFD. */
export function unescapeZeek(value: string): string {
  if (!escapeRe.test(value)) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x5c && value[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 2, i + 4))) {
      bytes.push(Number.parseInt(value.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      for (const b of Buffer.from(value[i] as string, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// DuckDB reads Zeek times as DECIMAL(18,6): at most 12 digits before the point.
const timeRe = /^-?\d{1,12}(\.\d{1,9})?$/;

/** Epoch seconds text to microseconds, exactly (no float rounding); null when not a number. */
export function parseEpochMicros(text: string): bigint | null {
  if (!timeRe.test(text)) return null;
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const [whole, frac = ''] = body.split('.');
  const micros = BigInt(whole as string) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
  return neg ? -micros : micros;
}

/** Epoch seconds as a JSON number to microseconds. */
export function epochNumberToMicros(value: number): bigint | null {
  if (!Number.isFinite(value)) return null;
  return parseEpochMicros(value.toFixed(6));
}

/** ISO-8601 timestamp to epoch microseconds, keeping sub-millisecond digits. */
export function isoToMicros(text: string): bigint | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return null;
  const zone = m[4] ?? 'Z';
  const iso = `${m[1]}T${m[2]}${zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const frac = BigInt(((m[3] ?? '') + '000000').slice(0, 6));
  return BigInt(ms) * 1000n + frac;
}

const uintRe = /^\d+$/;
const intRe = /^-?\d+$/;
const doubleRe = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const maxU64 = 18446744073709551615n;

/** Unsigned 64-bit integer text, or null when malformed or out of range. */
export function parseCount(text: string): bigint | null {
  if (!uintRe.test(text)) return null;
  const v = BigInt(text);
  return v <= maxU64 ? v : null;
}

/** Signed 64-bit integer text, or null. */
export function parseInt64(text: string): bigint | null {
  if (!intRe.test(text)) return null;
  const v = BigInt(text);
  return v >= -(2n ** 63n) && v < 2n ** 63n ? v : null;
}

/** Port text (0–65535), or null. */
export function parsePort(text: string): number | null {
  if (!uintRe.test(text) || text.length > 5) return null;
  const v = Number(text);
  return v <= 65535 ? v : null;
}

/** Floating-point text, or null. */
export function parseDouble(text: string): number | null {
  if (!doubleRe.test(text)) return null;
  return Number(text);
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
