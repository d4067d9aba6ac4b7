/** Splits a Markdown table row on the pipes that are not backslash-escaped. */
export function unescapedPipes(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '|') continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && line[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) n++;
  }
  return n;
}

/** Problems with the GFM tables in a document: rows whose cell count differs from the header's. */
export function tableProblems(md: string): string[] {
  const lines = md.split('\n');
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || !/^\| (---( \| )?)+\|?/.test(lines[i + 1] ?? '')) continue;
    const width = unescapedPipes(lines[i]!);
    let j = i;
    while (j < lines.length && lines[j]!.startsWith('|')) {
      const row = lines[j]!;
      if (unescapedPipes(row) !== width || !row.endsWith(' |')) problems.push(`line ${j + 1}: ${row}`);
      j++;
    }
    i = j;
  }
  return problems;
}

/** The block structure of a Markdown document: per line, how it starts and how many cells it has. */
export function markdownShape(md: string): string[] {
  return md
    .split('\n')
    .map((l) => `${/^(#+ |> |\| |---|- |\*\*)/.exec(l)?.[0] ?? (l ? 'text' : '')}${unescapedPipes(l)}`);
}

/** The sequence of tags and attribute names in an HTML document: what an injection would change. */
export function htmlShape(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z:-]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    (m) =>
      // Attribute names only, outside the quoted values (a tooltip's text may hold `src=`).
      `${m[0].startsWith('</') ? '/' : ''}${m[1]}${[...m[2]!.matchAll(/\s([a-zA-Z:-]+)(?:="[^"]*")?/g)].map((a) => ` ${a[1]}`).join('')}`,
  );
}

/** `<` characters that do not open a tag the report itself writes. */
export function strayAngles(html: string, allowed: readonly string[]): string[] {
  const tag = new RegExp(`^<(?:!DOCTYPE html>|/?(?:${allowed.join('|')})[\\s>/])`);
  const out: string[] = [];
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    if (!tag.test(html.slice(i, i + 40))) out.push(html.slice(i, i + 40));
  }
  return out;
}

/** Every tag name the HTML report writes. */
export const reportTags = [
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'footer',
  'nav',
  'section',
  'div',
  'span',
  'bdi',
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'a',
  'b',
  'i',
  'em',
  'strong',
  'ol',
  'ul',
  'li',
  'dl',
  'dt',
  'dd',
  'pre',
  'details',
  'summary',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'svg',
  'rect',
  'line',
  'text',
  'tspan',
  'circle',
  'path',
] as const;
