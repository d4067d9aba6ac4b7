import { type Tlp, tlpLevels } from '../../model.js';
import { field, type JsonObject, objects, text } from '../json-values.js';

/** The names of a MISP event's or attribute's `Tag[]`. */
export function tagNames(holder: JsonObject): string[] {
  const names: string[] = [];
  for (const tag of objects(field(holder, 'Tag'))) {
    const name = text(field(tag, 'name'), 300);
    if (name) names.push(name);
  }
  return names;
}

/** The TLP a `tlp:*` tag sets (TLP 1.0 white is TLP 2.0 clear), or undefined for other tags. */
export function tlpOfTag(tag: string): Tlp | undefined {
  const m = /^tlp:\s*(white|clear|green|amber\+strict|amber|red)$/i.exec(tag.trim());
  if (!m?.[1]) return undefined;
  const level = m[1].toLowerCase();
  return level === 'white' ? 'clear' : tlpLevels.find((t) => t === level);
}

/** The most restrictive TLP among `tags`, so a doubly tagged item is never shared too widely. */
export function tlpOfTags(tags: readonly string[]): Tlp | undefined {
  let best: Tlp | undefined;
  for (const tag of tags) {
    const tlp = tlpOfTag(tag);
    if (tlp && (best === undefined || tlpLevels.indexOf(tlp) > tlpLevels.indexOf(best))) best = tlp;
  }
  return best;
}
