/**
 * Display-safe text for attacker strings: ANSI escape sequences are removed, and every character
 * that draws nothing yet changes what the reader sees (controls, bidi overrides and isolates,
 * zero-width characters: Unicode's Cc, Cf, Zl, Zp, Cs) is shown as a visible `\uXXXX` escape, the
 * same way the reports show them (src/report/visible-text.ts).
 */

const ansi = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;
const short: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const known = short[c];
  if (known) return known;
  const code = c.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/** The string with ANSI sequences dropped and invisible characters made visible. */
export function displayText(s: string): string {
  return s.replace(ansi, '').replace(hidden, escapeChar);
}

/** `displayText`, cut to `max` characters with an ellipsis; `full` is the whole display text. */
export function clipped(s: string, max: number): { shown: string; full: string; cut: boolean } {
  const full = displayText(s);
  const chars = Array.from(full);
  if (chars.length <= max) return { shown: full, full, cut: false };
  return { shown: `${chars.slice(0, max - 1).join('')}…`, full, cut: true };
}

/** The URL when it is http or https, else null (never `javascript:`, `data:` or relative tricks). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
