/**
 * Attacker strings may carry newlines, tabs, NULs and Unicode line separators that would break a
 * table row, fake a heading or hide text. Every format shows them as visible marks instead (line
 * breaks as `↵`, tabs as `⇥`, other control characters as `�`), so the analyst sees that they were
 * there and the layout cannot be bent by them. These marks are in the common system fonts, unlike
 * the Unicode control pictures.
 */
export function showControls(s: string): string {
  return s
    .replace(/\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g, '↵')
    .replace(/\t/g, '⇥')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Shortens a string for a label, keeping its start; the full text goes in a tooltip or table. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
