import { nameKey } from '../../domain/name-key.js';
import type { KnownName } from '../importer.js';
import type { EntityClass } from '../model.js';
import { commonWords } from './common-words.js';
import { type CueClass, cuesAfter, cuesBefore, phrasesBefore } from './mention-cues.js';

/** One place in a text where a known actor, software or campaign name occurs. */
export interface Mention {
  readonly entityId: string;
  readonly cls: EntityClass;
  readonly canonical: string;
  /** The known name or alias that matched. */
  readonly name: string;
  /** The words as the text writes them. */
  readonly text: string;
  readonly index: number;
}

/** Finds mentions of known names in free text. */
export interface MentionMatcher {
  find(text: string): Mention[];
}

interface Entry {
  readonly names: readonly KnownName[];
  /** Three-letter names: only the exact spelling counts ("Tor" is not "tor" nor "TOR"). */
  readonly exactOnly: boolean;
}

interface Token {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** Classes looked for by default: techniques are found by ATT&CK id, not by their everyday names. */
const defaultClasses: readonly EntityClass[] = ['actor', 'software', 'campaign'];
const wordRe = /[\p{L}\p{N}]+/gu;
/** What may sit between the words of one name: "Stone Panda", "Stone-Panda", "Agent.btz", "APT 10". */
const innerSeparatorRe = /^[ \t\-._'\u2019]{1,3}$/;
const sentenceBreakRe = /[.!?;:\n]/;

/** Builds a matcher over the knowledge base's names (longest match wins, ordinary words guarded). */
export function createMentionMatcher(
  known: readonly KnownName[],
  classes: readonly EntityClass[] = defaultClasses,
): MentionMatcher {
  const byKey = new Map<string, KnownName[]>();
  let maxTokens = 1;
  for (const k of known) {
    if (!classes.includes(k.cls)) continue;
    const key = nameKey(k.name);
    // Short or purely numeric names ("at", "S1", "2014") are never matched alone.
    if (key.length < 3 || /^\d+$/.test(key)) continue;
    const list = byKey.get(key) ?? [];
    list.push(k);
    byKey.set(key, list);
    // One more than the name's own words, so "APT 10" in a text finds "APT10".
    maxTokens = Math.max(maxTokens, Math.min(8, wordsOf(k.name).length + 1));
  }
  const entries = new Map<string, Entry>();
  for (const [key, names] of byKey) entries.set(key, { names, exactOnly: key.length === 3 });
  return { find: (text) => findMentions(text, entries, maxTokens) };
}

function wordsOf(s: string): string[] {
  return s.match(wordRe) ?? [];
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(wordRe)) {
    out.push({ key: nameKey(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function findMentions(text: string, entries: ReadonlyMap<string, Entry>, maxTokens: number): Mention[] {
  const tokens = tokenize(text);
  const out: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    let key = '';
    const keys: string[] = [];
    for (let n = 1; n <= maxTokens && i + n <= tokens.length; n++) {
      const t = tokens[i + n - 1]!;
      if (n > 1 && !innerSeparatorRe.test(text.slice(tokens[i + n - 2]!.end, t.start))) break;
      key += t.key;
      keys.push(key);
    }
    // Longest first, so "Cobalt Strike" wins over "Cobalt".
    for (let n = keys.length; n >= 1 && matched === 0; n--) {
      const entry = entries.get(keys[n - 1]!);
      if (!entry) continue;
      const found = accept(text, tokens, i, n, entry);
      if (found.length === 0) continue;
      out.push(...found);
      matched = n;
    }
    i += matched === 0 ? 1 : matched;
  }
  return out;
}

function accept(text: string, tokens: readonly Token[], i: number, n: number, entry: Entry): Mention[] {
  const start = tokens[i]!.start;
  const end = tokens[i + n - 1]!.end;
  const written = text.slice(start, end);
  if (insideTechnicalToken(text, start, end, entry)) return [];
  let names = entry.names;
  if (entry.exactOnly) names = names.filter((k) => k.name === written);
  if (names.length === 0) return [];
  const cue = cueAround(text, tokens, i, n);
  // Judged on the words as written, so "Update agent" is ordinary even though "UpdateAgent" is not.
  const common = tokens.slice(i, i + n).every((t) => commonWords.has(t.key));
  if (common && cue === null) {
    const exact = names.filter((k) => k.name === written && /\d|\p{Ll}\p{Lu}/u.test(k.name));
    if (exact.length > 0) names = exact;
    else if (!(n > 1 && isProperPhrase(written))) return [];
  }
  if (cue !== null && cue !== 'any') {
    const ofClass = names.filter((k) => k.cls === cue);
    if (ofClass.length > 0) names = ofClass;
  }
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const k of names) {
    if (seen.has(k.entityId)) continue;
    seen.add(k.entityId);
    out.push({
      entityId: k.entityId,
      cls: k.cls,
      canonical: k.canonical,
      name: k.name,
      text: written,
      index: start,
    });
  }
  return out;
}

/**
 * A name inside a URL, domain, file name, path or address ("securelist.com/apt10-…",
 * "plugx.example.com", "apt10@mail") is not a mention: such strings name things by accident.
 */
function insideTechnicalToken(text: string, start: number, end: number, entry: Entry): boolean {
  // Bounded windows keep this linear on texts without whitespace.
  const left = text.slice(Math.max(0, start - 512), start);
  const right = text.slice(end, end + 512);
  const chunk = left.slice(left.search(/\S*$/)) + right.slice(0, right.search(/\s|$/));
  if (/:\/\/|^www\./i.test(chunk)) return true;
  if (entry.names.some((k) => /[.@\\]/.test(k.name))) return false;
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  return /[\p{L}\p{N}][.@\\]$/u.test(before) || /^[.@\\][\p{L}\p{N}]/u.test(after);
}

/** Several words, each capitalised, as proper names are written ("Stone Panda", "Equation Group"). */
function isProperPhrase(written: string): boolean {
  const words = wordsOf(written);
  return words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w));
}

/** The class a cue word next to the name implies, `any` for neutral cues, or null without a cue. */
function cueAround(text: string, tokens: readonly Token[], i: number, n: number): CueClass | null {
  const last = i + n - 1;
  // Right after: "X group", "X's backdoor", "X RAT".
  let next = last + 1;
  if (tokens[next]?.key === 's') next++;
  const after = tokens[next];
  if (after && !sentenceBreakRe.test(text.slice(tokens[next - 1]!.end, after.start))) {
    const cls = cuesAfter.get(after.key);
    if (cls) return cls;
  }
  const prev = tokens[i - 1];
  if (!prev || sentenceBreakRe.test(text.slice(prev.end, tokens[i]!.start))) return null;
  const one = cuesBefore.get(prev.key);
  if (one) return one;
  const prev2 = tokens[i - 2];
  if (prev2 && !sentenceBreakRe.test(text.slice(prev2.end, prev.start))) {
    const two = phrasesBefore.get(`${prev2.key} ${prev.key}`);
    if (two) return two;
  }
  return null;
}
