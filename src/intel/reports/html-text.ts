import { type DocumentText, isoDate, isWebUrl, tidyText } from './document-text.js';
import { decodeEntities } from './html-entities.js';

/** Elements whose content is never shown as article text. */
const hiddenElements = ['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'title'];
const blockTagRe =
  /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|thead|tbody|section|article|header|footer|pre|blockquote|hr|dt|dd|dl|figure|figcaption|main|aside|nav|form|fieldset|address|details|summary|caption)\b[^>]*>/gi;
const publishedKeys = [
  'article:published_time',
  'og:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'parsely-pub-date',
  'sailthru.date',
  'date',
];

/**
 * The visible text of an HTML page, plus its title, canonical address and publication date.
 * Link targets (`href`) are dropped: they point at references and sources, and reports write the
 * indicators they mean in the visible text (usually defanged).
 */
export function htmlToText(html: string): DocumentText {
  const noComments = html.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  const meta = readMeta(noComments);
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(noComments);
  const title = clean(titleMatch?.[1]) ?? clean(meta.get('og:title'));
  // `</head>` may be left out; the head then ends where the body starts.
  let body = noComments.replace(/<head\b[\s\S]*?(?:<\/head\s*>|(?=<body\b))/i, '\n');
  for (const tag of hiddenElements) {
    body = body
      .replace(new RegExp(`<${tag}\\b[\\s\\S]*?</${tag}\\s*>`, 'gi'), '\n')
      // An element left open runs to the end of the file, as browsers read it.
      .replace(new RegExp(`<${tag}\\b[\\s\\S]*$`, 'i'), '\n');
  }
  const text = tidyText(
    decodeEntities(
      body
        .replace(blockTagRe, '\n')
        .replace(/<\/?t[dh]\b[^>]*>/gi, '\t')
        .replace(/<[!?][^>]*>/g, ' ')
        .replace(/<\/?[a-zA-Z][^>]*>/g, ''),
    ),
  );
  const canonical = readCanonical(noComments) ?? meta.get('og:url');
  const published = publishedKeys.map((k) => isoDate(meta.get(k))).find((d) => d !== undefined);
  return {
    text,
    ...(title ? { title } : {}),
    ...(isWebUrl(canonical) ? { url: canonical } : {}),
    ...(published ? { published } : {}),
  };
}

/** `name`/`property`/`itemprop` of each `<meta>` tag, lower-cased, to its `content` (first wins). */
function readMeta(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributesOf(m[0]);
    const key = (attrs.get('property') ?? attrs.get('name') ?? attrs.get('itemprop'))?.toLowerCase();
    const content = attrs.get('content');
    if (key && content !== undefined && !out.has(key)) out.set(key, decodeEntities(content).trim());
  }
  return out;
}

function readCanonical(html: string): string | undefined {
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributesOf(m[0]);
    if ((attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) {
      const href = attrs.get('href');
      if (href) return decodeEntities(href).trim();
    }
  }
  return undefined;
}

/** Attributes of one tag, names lower-cased. */
function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!out.has(name)) out.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = decodeEntities(s.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
  return t === '' ? undefined : t;
}
