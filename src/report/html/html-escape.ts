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
 * right-to-left name cannot pull the numbers after it into its run (`endRtlRuns`). The report calls
 * it only through the `html` template (html-template.ts), which applies it to every interpolation.
 */
export function esc(s: string): string {
  return endRtlRuns(
    visibleText(s).replace(/[&<>"'`]/g, (c) => entities[c]!),
    '&#x200E;',
  );
}

/** A number for an SVG coordinate: finite, two decimals at most. */
export function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0';
}
