import { showControls } from '../visible-text.js';

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
 * SVG), so one function serves every place an attacker string lands. Control characters are shown
 * as control pictures rather than passed through.
 */
export function esc(s: string): string {
  return showControls(s).replace(/[&<>"'`]/g, (c) => entities[c]!);
}

/** A number for an SVG coordinate: finite, two decimals at most. */
export function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0';
}
