import { esc } from './html-escape.js';

/**
 * Markup that is safe to write as it is: only `html` and `raw` make one. The constructor is not
 * exported, so a plain string can never pass for markup.
 */
class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

export type { SafeHtml };

/** What an `html` template may interpolate: text (escaped), numbers, markup, and lists of them. */
export type HtmlValue = string | number | SafeHtml | readonly (string | number | SafeHtml)[];

function piece(v: HtmlValue): string {
  if (v instanceof SafeHtml) return v.markup;
  if (typeof v === 'string') return esc(v);
  if (typeof v === 'number') return String(v);
  // A field missing from an incident stored by another version prints as a template literal would.
  if (v === null || v === undefined || typeof v === 'boolean') return esc(String(v));
  let out = '';
  for (const x of v) out += piece(x);
  return out;
}

/**
 * HTML by default escaped (Hono's `helper/html` is the model): every interpolated string goes
 * through `esc`, numbers are written as they are, markup from another `html` or `raw` is kept, and
 * a list is the concatenation of its items, each treated the same way. Only the template's literal
 * text is trusted, so a forgotten escape cannot happen. One interpolation is escaped as one string:
 * `esc` ends right-to-left runs and marks lone surrogates, so `${a} ${b}` written as two
 * interpolations is not always the same as one interpolation of the joined text.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += piece(values[i] as HtmlValue) + (strings[i + 1] as string);
  return new SafeHtml(out);
}

/** Markup we wrote ourselves (the stylesheet, the CSP, our links), written without escaping. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * Parts joined by literal `separator` text (a line feed between the page's parts, a comma between
 * addresses); each part is treated as an interpolation, so text is escaped one part at a time.
 */
export function joinHtml(parts: readonly HtmlValue[], separator = ''): SafeHtml {
  return new SafeHtml(parts.map(piece).join(separator));
}
