import { type DocumentText, isoDate, isWebUrl, tidyText } from './document-text.js';
import { decodeEntities } from './html-entities.js';

/**
 * The readable text of a Markdown document, with markup stripped lightly: code blocks and code
 * spans keep their text (reports put indicators there), link targets are dropped like HTML hrefs,
 * and YAML front matter gives the title, date and address.
 */
export function markdownToText(md: string): DocumentText {
  const src = md.replace(/\r\n?/g, '\n');
  const front = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/.exec(src);
  const fields = front ? frontMatter(front[1] ?? '') : new Map<string, string>();
  const body = front ? src.slice(front[0].length) : src;
  const out: string[] = [];
  let title = fields.get('title');
  let fence: string | null = null;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) {
      out.push(line);
      continue;
    }
    const heading = /^ {0,3}#{1,6}(?:[ \t]+(.*))?$/.exec(line);
    if (heading) {
      const text = inline(closingHashesOff(heading[1] ?? ''));
      if (title === undefined && text !== '') title = text;
      out.push('', text, '');
      continue;
    }
    const bare = line.trim();
    if (/^(=+|-+)$/.test(bare) && (lines[i - 1] ?? '').trim() !== '') {
      // A setext underline: the line above was a heading.
      if (title === undefined && /=/.test(line)) title = inline(lines[i - 1] ?? '');
      continue;
    }
    // Rulers and table separator rows; tested on the trimmed line so that no pattern backtracks.
    if (/^[-*_ ]+$/.test(bare) && /([-*_])( *\1){2,}/.test(bare.slice(0, 64))) continue;
    if (/^[|:\- \t]+$/.test(bare) && bare.includes('---')) continue;
    if (/^\[[^\]\n]{1,500}\]:\s*\S/.test(bare)) continue;
    out.push(inline(blockMarkers(line)));
  }
  const url =
    fields.get('canonical') ?? fields.get('canonical_url') ?? fields.get('url') ?? fields.get('link');
  const published = isoDate(fields.get('date') ?? fields.get('published'));
  const text = tidyText(out.join('\n'));
  return {
    text,
    ...(title ? { title } : {}),
    ...(isWebUrl(url) ? { url } : {}),
    ...(published ? { published } : {}),
  };
}

function blockMarkers(line: string): string {
  let s = line.replace(/^[ \t]*(>[ \t]?)+/, '');
  s = s.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(\[[ xX]\][ \t]+)?/, '');
  const t = s.trim();
  if (t.length > 1 && t.startsWith('|') && t.endsWith('|')) s = t.slice(1, -1).replace(/\|/g, '\t');
  return s;
}

/** Inline markup: images and links keep their text, code spans their code, emphasis goes. */
function inline(s: string): string {
  const codes: string[] = [];
  // Code spans are set aside first so that nothing inside them is read as markup.
  let t = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, code: string) => {
    codes.push(code.trim());
    return `\u0000${codes.length - 1}\u0000`;
  });
  t = t
    // Bounded repeats keep these linear on unclosed brackets and emphasis.
    .replace(/!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/\[([^\]\n]{1,500})\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/\[([^\]\n]{1,500})\]\[[^\]\n]{0,500}\]/g, '$1')
    .replace(/<((?:https?|ftp|hxxps?):\/\/[^>\s]{1,2000})>/gi, '$1')
    .replace(/<\/?[a-zA-Z][^>\n]{0,2000}>/g, '')
    .replace(/(?<!\\)(\*\*|__)(?=\S)([^\n]{0,500}?\S)\1/g, '$2')
    .replace(/(?<![\w*\\])([*_])(?=\S)([^*_\n]{0,500}?\S)\1(?![\w*])/g, '$2')
    .replace(/~~(?=\S)([^\n]{0,500}?\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
  t = decodeEntities(t);
  return t.replace(/\u0000(\d+)\u0000/g, (_m, n: string) => codes[Number(n)] ?? '');
}

/** A heading's text without the optional closing `###` (only when a space precedes it). */
function closingHashesOff(text: string): string {
  const t = text.trimEnd();
  let end = t.length;
  while (end > 0 && t[end - 1] === '#') end--;
  if (end === t.length || (end > 0 && !/\s/.test(t[end - 1] ?? ''))) return t;
  return t.slice(0, end).trimEnd();
}

/** `key: value` lines of YAML front matter (flat scalars only), keys lower-cased. */
function frontMatter(yaml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of yaml.split('\n')) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.+?)\s*$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const key = m[1].toLowerCase();
    if (!out.has(key)) out.set(key, m[2].replace(/^(["'])(.*)\1$/, '$2'));
  }
  return out;
}
