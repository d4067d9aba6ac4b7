import { clip } from '../../clip.js';
import { refang } from '../indicators/defang.js';
import type { Normalized } from '../indicators/normalize.js';
import { detectIndicator as detectValue } from '../indicators/normalize.js';

/** A normalised indicator value that passed. */
export type GoodValue = Extract<Normalized, { ok: true }>;

/** What one line of a plain IOC list holds. */
export type ListLine =
  | { readonly kind: 'blank' }
  /** `# text` or `// text`, without the marker. */
  | { readonly kind: 'comment'; readonly text: string }
  /** "Domains:", "Quasar RAT:", "SHA256": names what follows; `generic` when it only names a type. */
  | { readonly kind: 'heading'; readonly text: string; readonly generic: boolean }
  | {
      readonly kind: 'value';
      readonly value: GoodValue;
      readonly description?: string;
      readonly score?: number;
    }
  /** Not an indicator; `prose` when it is words with nothing indicator-like in them. */
  | { readonly kind: 'bad'; readonly reason: string; readonly prose: boolean };

/** Words that make a heading only a type label ("IP Addresses:", "SHA256", "C2 domains"). */
const typeLabelWords = new Set(
  (
    'sha256 sha-256 sha1 sha-1 md5 hash hashes filehash domain domains hostname hostnames host hosts ip ips ' +
    'ipv4 ipv6 address addresses url urls uri uris c2 c2s c&c cnc server servers email emails e-mail mail ' +
    'indicator indicators ioc iocs network file files and of list the samples sample infrastructure related'
  ).split(' '),
);
const lokiScoreRe = /^\d{1,3}$/;

/**
 * Reads one line of a plain list: `value`, `value;description`, `value;score[;description]`
 * (LOKI), `value<TAB>description`, `value description` or `value (description)`, in any of the
 * usual defanged forms; comments, headings and blank lines are told apart from bad values.
 */
export function parseListLine(line: string): ListLine {
  const trimmed = line.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { kind: 'blank' };
  if (trimmed.startsWith('#')) return { kind: 'comment', text: trimmed.replace(/^#+\s?/, '').trim() };
  if (trimmed.startsWith('//')) return { kind: 'comment', text: trimmed.replace(/^\/\/+\s?/, '').trim() };

  // Squeeze "example [.] com" first so that the spaces of a defanged value do not split it.
  const text = refang(trimmed.replace(/\s?\[\s?(\.|dot)\s?\]\s?/gi, '[.]'));
  const [body, trailingComment] = splitTrailingComment(text);
  const whole = detectValue(body);
  if (whole.ok) return withDescription(whole, trailingComment);

  for (const sep of [';', '\t', '|', ',']) {
    const at = body.indexOf(sep);
    if (at <= 0) continue;
    const n = detectValue(body.slice(0, at));
    if (!n.ok) continue;
    const fields = body
      .slice(at + 1)
      .split(sep === ';' ? ';' : /\x00/)
      .map((f) => f.trim());
    let score: number | undefined;
    const words: string[] = [];
    for (const f of fields) {
      if (score === undefined && sep === ';' && lokiScoreRe.test(f)) score = Number(f);
      else if (f !== '') words.push(f);
    }
    return withDescription(n, joinDescription(words.join('; '), trailingComment), score);
  }

  const space = /\s+/.exec(body);
  if (space) {
    const first = body.slice(0, space.index);
    const rest = body.slice(space.index + space[0].length);
    const n = detectValue(first);
    if (n.ok) return withDescription(n, joinDescription(unwrap(rest), trailingComment));
    // "C2: evil.example" names the value before giving it.
    if (first.endsWith(':')) {
      const [value, ...more] = rest.split(/\s+/);
      const m = detectValue(value ?? '');
      if (m.ok)
        return withDescription(m, joinDescription(`${first.slice(0, -1)} ${unwrap(more.join(' '))}`, ''));
    }
  }

  const heading = asHeading(trimmed);
  if (heading) return heading;
  const firstToken = body.split(/[\s;,|]+/)[0] ?? body;
  const first = detectValue(firstToken);
  const reason = first.ok ? `"${clip(trimmed, 80, { mark: '...' })}" is not an indicator` : first.reason;
  if (isProseText(body))
    return {
      kind: 'bad',
      reason: `"${clip(trimmed, 80, { mark: '...' })}" is text, not an indicator`,
      prose: true,
    };
  return {
    kind: 'bad',
    reason: firstToken === body || first.ok ? reason : `"${clip(trimmed, 80, { mark: '...' })}": ${reason}`,
    prose: false,
  };
}

function withDescription(value: GoodValue, description: string, score?: number): ListLine {
  const d = description.trim();
  return {
    kind: 'value',
    value,
    ...(d === '' ? {} : { description: d }),
    ...(score === undefined ? {} : { score }),
  };
}

/** `value # comment` keeps the comment as the description; a `#` inside a URL is its fragment. */
function splitTrailingComment(text: string): [string, string] {
  // Found by scanning for the marker, not by a pattern over the spaces before it (which backtracks).
  for (const m of text.matchAll(/#|\/\//g)) {
    if (m.index > 0 && /\s/.test(text[m.index - 1] ?? '')) {
      return [text.slice(0, m.index).trimEnd(), text.slice(m.index + m[0].length).trim()];
    }
  }
  return [text, ''];
}

function joinDescription(a: string, b: string): string {
  return [a.trim(), b.trim()].filter((s) => s !== '').join(' - ');
}

function unwrap(s: string): string {
  const t = s.trim();
  return /^\(.*\)$/.test(t) || /^\[.*\]$/.test(t) ? t.slice(1, -1).trim() : t;
}

/** "Domains:", "Loader v1:", "SHA256", "IP Addresses": a short line that introduces what follows. */
function asHeading(trimmed: string): ListLine | null {
  const text = trimmed.replace(/:\s*$/, '').trim();
  const words = text.split(/\s+/);
  if (text === '' || words.length > 8) return null;
  const generic = words.every((w) => typeLabelWords.has(w.toLowerCase().replace(/[()]/g, '')));
  if (trimmed.endsWith(':') || generic) return { kind: 'heading', text, generic };
  return null;
}

/** Several words and nothing that could be part of an indicator (no dots, @, slashes, long hex). */
function isProseText(s: string): boolean {
  const words = s.split(/\s+/);
  return words.length >= 2 && !words.some((w) => /[.@/:\\]|[0-9a-f]{16,}/i.test(w.replace(/[.,;:!?]+$/, '')));
}
