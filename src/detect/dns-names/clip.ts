/** Attacker-chosen text shortened for explanations and stats (renderers escape it). */
export function clip(text: string, max = 100): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
