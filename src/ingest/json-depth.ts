/** Deepest nesting of arrays and objects a JSON record may have; deeper lines are rejects. */
export const maxJsonDepth = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether `text` holds more than `max` opening brackets at all: without that it cannot nest deeper. */
function mayNestDeeper(text: string | Buffer, max: number): boolean {
  let n = 0;
  for (const bracket of ['{', '[']) {
    for (let p = text.indexOf(bracket); p >= 0; p = text.indexOf(bracket, p + 1)) {
      n += 1;
      if (n > max) return true;
    }
  }
  return false;
}

/**
 * How deep the JSON text nests arrays and objects, when deeper than `max`; 0 otherwise. Brackets
 * inside strings do not count. Parsing and mapping such a record would overflow the call stack.
 */
export function jsonDepthOver(text: string | Buffer, max = maxJsonDepth): number {
  if (!mayNestDeeper(text, max)) return 0;
  const code =
    typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i] as number;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = code(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth -= 1;
  }
  return deepest > max ? deepest : 0;
}

/** The first line of a block (lines ending with `\n`) that nests deeper than `max`, as its 0-based index and depth. */
export function deepLineIn(buf: Buffer, max = maxJsonDepth): { index: number; depth: number } | null {
  if (!mayNestDeeper(buf, max)) return null;
  for (let pos = 0, index = 0; pos < buf.length; index++) {
    const nl = buf.indexOf(0x0a, pos);
    const end = nl < 0 ? buf.length : nl;
    const depth = jsonDepthOver(buf.subarray(pos, end), max);
    if (depth > 0) return { index, depth };
    pos = end + 1;
  }
  return null;
}

/** Whether a parsed JSON value nests arrays and objects deeper than `max` (walked without recursion). */
export function valueNestsDeeper(value: unknown, max = maxJsonDepth): boolean {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 1 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop() as { v: unknown; d: number };
    if (v === null || typeof v !== 'object') continue;
    if (d > max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push({ v: x, d: d + 1 });
  }
  return false;
}
