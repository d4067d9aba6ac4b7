import { html, type SafeHtml } from './html-template.js';

/**
 * An address, port or address list in HTML: escaped and isolated left to right, so that a
 * right-to-left name beside it cannot reorder its digits.
 */
export function ltr(s: string): SafeHtml {
  return html`<bdi dir="ltr">${s}</bdi>`;
}

/**
 * The same for SVG text and tooltips, where markup cannot isolate: the text is wrapped in the
 * LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE characters (written as references, so the
 * source shows them). Any attacker bidi control inside was already made visible by the escaping.
 */
export function ltrText(s: string): SafeHtml {
  return html`&#x2066;${s}&#x2069;`;
}

/** A name in SVG text or a tooltip: isolated in its own direction (FIRST STRONG ISOLATE … PDI). */
export function isolatedText(s: string): SafeHtml {
  return html`&#x2068;${s}&#x2069;`;
}
