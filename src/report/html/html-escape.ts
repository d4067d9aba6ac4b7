import { endRtlRuns, visibleText } from '../visible-text.js';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes text for HTML element content and for quoted attribute values alike (also inside inline
 * SVG), so one function serves every place an attacker string lands. Control, bidi and invisible
 * characters are written as visible escapes (`visibleText`) rather than passed through, and a
 * right-to-left name cannot pull the numbers after it into its run (`endRtlRuns`).
 */
export function esc(s: string): string {
  return endRtlRuns(
    visibleText(s).replace(/[&<>"'`]/g, (c) => entities[c]!),
    '&#x200E;',
  );
}

/**
 * An address, port or address list in HTML: escaped and isolated left to right, so that a
 * right-to-left name beside it cannot reorder its digits.
 */
export function ltr(s: string): string {
  return `<bdi dir="ltr">${esc(s)}</bdi>`;
}

/**
 * The same for SVG text and tooltips, where markup cannot isolate: the text is wrapped in the
 * LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE characters (written as references, so the
 * source shows them). Any attacker bidi control inside was already made visible by `esc`.
 */
export function ltrText(s: string): string {
  return `&#x2066;${esc(s)}&#x2069;`;
}

/** A name in SVG text or a tooltip: isolated in its own direction (FIRST STRONG ISOLATE … PDI). */
export function isolatedText(s: string): string {
  return `&#x2068;${esc(s)}&#x2069;`;
}

/** A number for an SVG coordinate: finite, two decimals at most. */
export function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0';
}
