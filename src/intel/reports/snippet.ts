import { clip } from '../../clip.js';

/** Longest snippet kept as an indicator's description. */
const maxSnippet = 240;

/**
 * The sentence around `index` in `text`. When the sentence is little more than the value itself
 * (a line of an IOC table), the nearest line above that says something is used instead.
 */
export function sentenceAround(text: string, index: number, length: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const lineEndAt = text.indexOf('\n', index + length);
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
  const line = text.slice(lineStart, lineEnd);
  const at = index - lineStart;
  const before = line.slice(0, at);
  const after = line.slice(at + length);
  let startRel = 0;
  for (const m of before.matchAll(/[.!?]\s+/g)) startRel = m.index + m[0].length;
  const endMatch = /[.!?](\s|$)/.exec(after);
  const endRel = endMatch ? at + length + endMatch.index + 1 : line.length;
  const sentence = line.slice(startRel, endRel).trim();
  const others = sentence.replace(text.slice(index, index + length), ' ').match(/\p{L}{2,}/gu) ?? [];
  if (others.length >= 3) return clip(sentence, maxSnippet, { mark: '...', oneLine: true });
  // Walk up to the heading or sentence that introduces a list of indicators.
  let end = lineStart - 1;
  for (let hops = 0; end > 0 && hops < 40; hops++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const prev = text.slice(start, end).trim();
    if ((prev.match(/\p{L}{2,}/gu) ?? []).length >= 3 && !/[0-9a-f]{32}|\w\.\w+\s*$/i.test(prev))
      return clip(`${prev} ${sentence}`, maxSnippet, { mark: '...', oneLine: true });
    end = start - 1;
  }
  return clip(sentence, maxSnippet, { mark: '...', oneLine: true });
}
