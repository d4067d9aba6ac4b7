import { nameKey } from '../../domain/name-key.js';
import type { IndexedEntity } from '../../store/intel-store.js';
import { classOfType, type EntityType } from '../model.js';

/** Whether a name given on the command line is a known actor, and which known names are close to it. */
export interface ActorLookup {
  readonly known: boolean;
  /** Canonical names of actors whose name, alias or ATT&CK id is near the given one (best first). */
  readonly suggestions: readonly string[];
}

const maxSuggestions = 5;

/**
 * Looks an `--actor` name up among the actors of the knowledge base (name or alias, case and
 * punctuation ignored). A typo must not silently become a new actor, so callers refuse unknown
 * names and offer the suggestions: names within a small edit distance, sharing a prefix, or the
 * actor an ATT&CK id (G0045) belongs to.
 */
export function lookUpActor(index: readonly IndexedEntity[], name: string): ActorLookup {
  const key = nameKey(name);
  const actors = index.filter((e) => classOfType[e.type as EntityType] === 'actor');
  if (key !== '' && actors.some((e) => [e.name, ...e.aliases].some((n) => nameKey(n) === key)))
    return { known: true, suggestions: [] };
  const scored: { name: string; score: number }[] = [];
  const upper = name.trim().toUpperCase();
  for (const e of actors) {
    let best = Number.POSITIVE_INFINITY;
    if (e.attackIds.includes(upper)) best = 0;
    for (const n of [e.name, ...e.aliases]) {
      const k = nameKey(n);
      if (k === '') continue;
      const d = editDistance(key, k);
      // One edit per four characters, at least one: "APT1O" for APT10, "Lazarus Grup".
      if (d <= Math.max(1, Math.floor(key.length / 4))) best = Math.min(best, d);
      else if (key.length >= 3 && (k.startsWith(key) || key.startsWith(k)) && k.length >= 3)
        best = Math.min(best, 3 + Math.abs(k.length - key.length) / 100);
    }
    if (best < Number.POSITIVE_INFINITY) scored.push({ name: e.name, score: best });
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return { known: false, suggestions: [...new Set(scored.map((s) => s.name))].slice(0, maxSuggestions) };
}

/** Levenshtein distance, with one row of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
