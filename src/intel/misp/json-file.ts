import { errorCodes, MamoriError } from '../../errors.js';

/** Parses a whole JSON file; a syntax error throws a MamoriError naming the file, line and column. */
export function parseJsonFile(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const m = /position (\d+)/.exec(message);
    const offset = m?.[1] ? Number(m[1]) : syntaxErrorOffset(text);
    const where = offset === undefined ? 'somewhere' : lineColumn(text, offset);
    throw new MamoriError(errorCodes.badInput, `${path}: ${where}: invalid JSON: ${message}`, { cause: err });
  }
}

function lineColumn(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line} column ${offset - before.lastIndexOf('\n')} (offset ${offset})`;
}

/**
 * Offset of the first JSON syntax error, for the V8 messages that quote a snippet instead of a
 * position. Only the structure is checked (strings, numbers and literals loosely): enough to point
 * at the place, since JSON.parse has already said the text is invalid.
 */
export function syntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === '}') break;
        if (text[i] !== ',') fail();
        i++;
      }
      i++;
      return;
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ']') break;
        if (text[i] !== ',') fail();
        i++;
      }
      i++;
      return;
    }
    if (c === '"') {
      string();
      return;
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m?.[0].length ?? 0;
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (e) {
    return typeof e === 'number' ? e : undefined;
  }
}
