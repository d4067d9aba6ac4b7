import { plainText } from './terminal.js';

/** Characters of a line as the terminal counts them (code points; wide CJK letters count one). */
export const textWidth = (s: string): number => [...plainText(s)].length;

/**
 * Prose wrapped at `width` columns, on spaces: the first line starts with `indent`, the others with
 * `hanging` (default the same). A word longer than a line is cut. Undefined width: one line.
 * Style marks count nothing, but a style must not span a break: paint whole lines or words.
 */
export function wrapText(
  text: string,
  width: number | undefined,
  opts: { indent?: string; hanging?: string } = {},
): string {
  const indent = opts.indent ?? '';
  const hanging = opts.hanging ?? indent;
  if (width === undefined) return indent + text;
  const lines: string[] = [];
  let line = indent;
  let empty = true;
  const room = (prefix: string) => Math.max(10, width - textWidth(prefix));
  for (const word of text.split(/ +/).filter(Boolean)) {
    let w = word;
    const over = textWidth(line) + (empty ? 0 : 1) + textWidth(w) > width;
    // A wide first-line prefix (a timeline's time, host and detector) may leave no room: it then
    // stands on a line of its own.
    if (over && (!empty || (lines.length === 0 && line === indent && indent.trim() !== ''))) {
      lines.push(line.trimEnd());
      line = hanging;
      empty = true;
    }
    // A word wider than a whole line (a URL, a long hash) is cut into pieces that fit.
    while (empty && textWidth(line) + textWidth(w) > width && [...w].length > room(line)) {
      const chars = [...w];
      lines.push(line + chars.slice(0, room(line)).join(''));
      w = chars.slice(room(line)).join('');
      line = hanging;
    }
    line += empty ? w : ` ${w}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}
