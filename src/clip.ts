/** How `clip` counts, marks the cut and treats white space. */
export interface ClipOptions {
  /**
   * What ends a clipped string, counted in `max`: `…` (the default, for text a reader sees) or `...`
   * (problem messages of the intel importers, which stay ASCII).
   */
  readonly mark?: '…' | '...';
  /** Count code points instead of UTF-16 units, so a surrogate pair is never split (table cells, labels). */
  readonly codePoints?: boolean;
  /** Collapse runs of white space to one space and trim first, whether or not the text is clipped. */
  readonly oneLine?: boolean;
}

/**
 * Shortens text to at most `max` characters, keeping its start and ending it with a mark when it
 * was cut. The default length is the one attacker text gets in detector explanations and stats;
 * the full text stays in the store and the JSON report.
 */
export function clip(s: string, max = 100, opts: ClipOptions = {}): string {
  const { mark = '…', codePoints = false, oneLine = false } = opts;
  const text = oneLine ? s.replace(/\s+/g, ' ').trim() : s;
  const keep = Math.max(0, max - mark.length);
  if (!codePoints) return text.length <= max ? text : `${text.slice(0, keep)}${mark}`;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, keep).join('')}${mark}`;
}
