import { PatternError } from './pattern-error.js';

/** Reserved words of the grammar; they are upper case only, as the STIX grammar spells them. */
export const keywords = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

export type TokenKind =
  | '['
  | ']'
  | '('
  | ')'
  | ':'
  | '.'
  | ','
  | '*'
  | 'op'
  | 'keyword'
  | 'ident'
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'timestamp'
  | 'binary'
  | 'hex'
  | 'eof';

/** One token; `text` is the canonical operator or keyword, or the decoded literal text. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly num?: number;
  /** 1-based column of the token's first character. */
  readonly column: number;
}

const punctuation: Record<string, TokenKind> = {
  '[': '[',
  ']': ']',
  '(': '(',
  ')': ')',
  ':': ':',
  ',': ',',
  '*': '*',
};
const timestampRe =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?Z$/;
const base64Re = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const hexRe = /^(?:[0-9a-fA-F]{2})*$/;
const identStart = /[A-Za-z_]/;
const identPart = /[A-Za-z0-9_-]/;
const digit = /[0-9]/;

/** Splits a pattern into tokens, ending with an `eof` token; throws PatternError on bad input. */
export function lexPattern(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (k: number): string => text[k] ?? '';
  while (i < text.length) {
    const c = at(i);
    const column = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const single = punctuation[c];
    if (single) {
      tokens.push({ kind: single, text: c, column });
      i++;
      continue;
    }
    if (c === '.' && !digit.test(at(i + 1))) {
      tokens.push({ kind: '.', text: '.', column });
      i++;
      continue;
    }
    const op = readOperator(text, i);
    if (op) {
      tokens.push({ kind: 'op', text: op.canonical, column });
      i += op.length;
      continue;
    }
    if (c === "'") {
      const s = readString(text, i);
      tokens.push({ kind: 'string', text: s.value, column });
      i = s.end;
      continue;
    }
    if ((c === 't' || c === 'b' || c === 'h') && at(i + 1) === "'") {
      const end = text.indexOf("'", i + 2);
      if (end < 0) throw new PatternError(`unterminated ${c}'…' literal`, column);
      const body = text.slice(i + 2, end);
      tokens.push(prefixedLiteral(c, body, column));
      i = end + 1;
      continue;
    }
    if (digit.test(c) || c === '+' || c === '-' || c === '.') {
      const n = readNumber(text, i);
      tokens.push(n.token);
      i = n.end;
      continue;
    }
    if (identStart.test(c)) {
      let j = i + 1;
      while (j < text.length && identPart.test(at(j))) j++;
      const word = text.slice(i, j);
      if (keywords.has(word)) tokens.push({ kind: 'keyword', text: word, column });
      else if (/^(?:true|false)$/i.test(word)) tokens.push({ kind: 'bool', text: word, column });
      else tokens.push({ kind: 'ident', text: word, column });
      i = j;
      continue;
    }
    throw new PatternError(`unexpected character ${JSON.stringify(c)}`, column);
  }
  tokens.push({ kind: 'eof', text: '', column: text.length + 1 });
  return tokens;
}

function readOperator(text: string, i: number): { canonical: string; length: number } | null {
  const two = text.slice(i, i + 2);
  if (two === '==') return { canonical: '=', length: 2 };
  if (two === '!=' || two === '<>') return { canonical: '!=', length: 2 };
  if (two === '<=' || two === '>=') return { canonical: two, length: 2 };
  const one = text[i];
  if (one === '=' || one === '<' || one === '>') return { canonical: one, length: 1 };
  return null;
}

/** A quoted string: `\'` and `\\` are escapes; any other backslash is kept as written. */
function readString(text: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") return { value: out, end: i + 1 };
    if (c === '\\' && (text[i + 1] === "'" || text[i + 1] === '\\')) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw new PatternError('unterminated string (missing closing quote)', start + 1);
}

function prefixedLiteral(prefix: string, body: string, column: number): Token {
  if (prefix === 't') {
    if (!timestampRe.test(body))
      throw new PatternError(`bad timestamp t'${body}' (want YYYY-MM-DDThh:mm:ss[.s]Z)`, column);
    return { kind: 'timestamp', text: body, column };
  }
  if (prefix === 'b') {
    if (!base64Re.test(body)) throw new PatternError(`bad base64 in b'…' literal`, column);
    return { kind: 'binary', text: body, column };
  }
  if (!hexRe.test(body)) throw new PatternError(`bad hex in h'…' literal (want pairs of hex digits)`, column);
  return { kind: 'hex', text: body, column };
}

function readNumber(text: string, start: number): { token: Token; end: number } {
  const column = start + 1;
  const m = /^[+-]?(\d*)(\.\d+)?/.exec(text.slice(start));
  const raw = m?.[0] ?? '';
  const intDigits = m?.[1] ?? '';
  const isFloat = m?.[2] !== undefined;
  if (intDigits === '' && !isFloat)
    throw new PatternError(`expected a number after "${text[start]}"`, column);
  if (!isFloat && intDigits.length > 1 && intDigits.startsWith('0'))
    throw new PatternError(`integer ${raw} has a leading zero`, column);
  const value = Number(raw);
  if (isFloat ? !Number.isFinite(value) : !Number.isSafeInteger(value))
    throw new PatternError(`number ${raw.slice(0, 40)} is out of range`, column);
  const end = start + raw.length;
  if (identPart.test(text[end] ?? '') || text[end] === '.')
    throw new PatternError(`malformed number near "${text.slice(start, end + 1)}"`, column);
  return { token: { kind: isFloat ? 'float' : 'int', text: raw, num: value, column }, end };
}
