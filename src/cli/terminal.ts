import { randomBytes } from 'node:crypto';

/** What decides colour and width: the environment and the stream written to (stdout). */
export interface TerminalContext {
  readonly env: NodeJS.ProcessEnv;
  readonly stream: { readonly isTTY?: boolean; readonly columns?: number };
}

const live = (): TerminalContext => ({ env: process.env, stream: process.stdout });

// `--no-color` (a global option): set once the command line is parsed.
let colourOption = true;

/** Records the global `--color`/`--no-color` option. */
export function setColourOption(enabled: boolean): void {
  colourOption = enabled;
}

/**
 * Whether stdout gets colour: never with `--no-color` or a non-empty NO_COLOR (no-color.org),
 * always with FORCE_COLOR set to anything but 0 or false, else only on a terminal.
 */
export function colourEnabled(t: TerminalContext = live()): boolean {
  if (!colourOption || (t.env['NO_COLOR'] ?? '') !== '') return false;
  const force = t.env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return t.stream.isTTY === true;
}

/**
 * Columns to lay text out in: COLUMNS when set, else the terminal's width. Not a terminal and no
 * COLUMNS (a pipe, a file) means undefined: lines stay whole, so grep and scripts see every value.
 */
export function terminalWidth(t: TerminalContext = live()): number | undefined {
  const env = Number(t.env['COLUMNS']);
  if (Number.isInteger(env) && env >= 20) return env;
  const cols = t.stream.columns;
  return t.stream.isTTY === true && cols !== undefined && cols >= 20 ? cols : undefined;
}

/** The styles output uses, sparingly: severities, likely-benign verdicts and headings. */
export const styles = { bold: '1', dim: '2', red: '31', yellow: '33' } as const;
export type Style = keyof typeof styles;

// A style is marked in composed text with a private-use character and a random key, and turned into
// an escape sequence only when printed, after every other control character was made visible. Data
// cannot carry a marker: it would have to guess the key, drawn anew for each process.
const key = randomBytes(6).toString('hex');
const marker = new RegExp(`\\uE000${key}([a-z]+|/)\\uE000`, 'g');

/** `text` in a style, when stdout gets colour; else `text` unchanged. */
export function paint(style: Style, text: string, t?: TerminalContext): string {
  if (text === '' || !colourEnabled(t)) return text;
  return `\uE000${key}${style}\uE000${text}\uE000${key}/\uE000`;
}

/** Composed text with its style marks as escape sequences (`colour`), or without them. */
export function applyStyles(text: string, colour = true): string {
  return text.replace(marker, (_, name: string) => {
    if (!colour) return '';
    return name === '/' ? '\x1b[0m' : `\x1b[${styles[name as Style] ?? '0'}m`;
  });
}

/** Text as the reader sees it: without style marks, for measuring widths. */
export function plainText(text: string): string {
  return applyStyles(text, false);
}

/** The style of a severity: critical and high red, medium yellow; a likely-benign incident dim. */
export function severityStyle(severity: string, likelyBenign = false): Style | null {
  if (likelyBenign) return 'dim';
  if (severity === 'critical' || severity === 'high') return 'red';
  return severity === 'medium' ? 'yellow' : null;
}
