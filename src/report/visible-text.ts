/**
 * Characters that draw nothing yet change what the reader sees: C0 and C1 controls and DEL (line
 * breaks, tabs, terminal escape sequences), format characters (bidi embeddings, overrides, isolates
 * and marks such as U+202E and U+2066, the Arabic letter mark, zero-width space and joiners, the
 * byte-order mark, soft hyphen, tag characters), the line and paragraph separators, lone surrogates,
 * and the Hangul fillers that render as blank letters. Unicode's own categories (Cc, Cf, Zl, Zp, Cs)
 * define the set, so new format characters are covered without a list to maintain.
 */
const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;

/** The same set, less the line feed: for text that we lay out in lines ourselves. */
const hiddenButNewline = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;

const short: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\r`, `\t`, else `\u202E` (four hex digits) or `\u{E0041}` beyond the BMP. */
function escapeChar(c: string): string {
  const known = short[c];
  if (known) return known;
  const code = c.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * Attacker strings (names, URIs, user agents, certificate subjects, file names) may carry
 * characters that break a table row, fake a heading, drive the terminal (`ESC ]0;…`) or reorder
 * the text around them (U+202E turns `203.0.113.79 · 443` into `344 · 97.311.0.302`). Every
 * output (terminal, CSV, Markdown, HTML) passes them through this, which writes each such character
 * as a visible escape in the JavaScript style (`\n`, `\t`, `\u001B`, `\u202E`), so the analyst sees
 * that it was there and it has no effect. A backslash already in the text is left as it is.
 */
export function visibleText(s: string): string {
  return s.replace(hidden, escapeChar);
}

/** `visibleText` for multi-line text we composed: our line feeds stay, everything else is escaped. */
export function visibleLines(s: string): string {
  return s.replace(hiddenButNewline, escapeChar);
}

/**
 * JSON text with every such character inside its strings written as a JSON `\uXXXX` escape (UTF-16
 * code units, as JSON has no longer form). JSON.stringify writes only spaces and line feeds outside
 * strings, so the parsed values are exactly the same; only the text is safe to show.
 */
export function visibleJson(json: string): string {
  return json.replace(hiddenButNewline, (c) =>
    Array.from(
      { length: c.length },
      (_, i) => `\\u${c.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`,
    ).join(''),
  );
}

/** Letters of the right-to-left scripts. */
const rtl =
  '[\\p{Script=Hebrew}\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}\\p{Script=Samaritan}\\p{Script=Mandaic}\\p{Script=Adlam}\\p{Script=Hanifi_Rohingya}]+';

/** A right-to-left phrase: such letters, and the spaces between them. */
const rtlRun = new RegExp(`${rtl}(?:[ \\u00a0]+${rtl})*`, 'gu');

/**
 * Ends every run of right-to-left letters with `mark`, a LEFT-TO-RIGHT MARK (`&#x200E;` in HTML,
 * `&lrm;` in Markdown). Without it, numbers after a right-to-left name join its run and are laid
 * out right to left: `שלום 203.0.113.79 · 443` shows as `443 · 203.0.113.79 שלום`. With it they
 * keep their order, while the name itself still reads right to left.
 */
export function endRtlRuns(s: string, mark: string): string {
  return s.replace(rtlRun, (run) => `${run}${mark}`);
}
