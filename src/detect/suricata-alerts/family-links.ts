import type { FindingLink } from '../../domain/finding.js';
import type { Store } from '../../store/store.js';

/** Where a family name came from. */
export type FamilySource = 'metadata' | 'signature';

/** The families a rule names, and the knowledge-base entities they are. */
export interface RuleFamilies {
  /** Names as the rule gives them (metadata values, or signature words that matched). */
  readonly names: readonly string[];
  readonly source: FamilySource | null;
  readonly links: readonly FindingLink[];
}

/** What one rule offers: its metadata families and the candidate words of its message. */
export interface FamilyQuery {
  readonly metadata: readonly string[];
  readonly candidates: readonly string[];
}

const linkable = new Set(['malware', 'tool']);
const maxLinks = 3;

/**
 * Looks names up in the knowledge base once each (a run has few distinct rules, and alerts share
 * them), keeping malware and tool entities matched exactly by name or alias: a partial match would
 * tie "Zeus" to "Zeus Panda".
 */
export class FamilyResolver {
  private readonly cache = new Map<string, Promise<FindingLink[]>>();

  constructor(private readonly store: Store) {}

  private lookup(name: string): Promise<FindingLink[]> {
    const key = name.toLowerCase();
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.store.intel
        .findEntities(name, { limit: 10 })
        .then((found) =>
          found
            .filter((e) => linkable.has(e.type) && (e.matchedBy === 'name' || e.matchedBy === 'alias'))
            .map((e) => ({ id: e.id, type: e.type, name: e.name })),
        );
      this.cache.set(key, hit);
    }
    return hit;
  }

  /**
   * Metadata names win: they are the rule author's own label. Otherwise the message's candidates in
   * order, where a two-word name that matches ("Cobalt Strike") stands for its words.
   */
  async resolve(q: FamilyQuery): Promise<RuleFamilies> {
    if (q.metadata.length > 0) {
      const links = (await Promise.all(q.metadata.map((n) => this.lookup(n)))).flat();
      return { names: q.metadata, source: 'metadata', links: unique(links) };
    }
    const names: string[] = [];
    const links: FindingLink[] = [];
    const covered = new Set<string>();
    for (const c of q.candidates) {
      if (covered.has(c.toLowerCase())) continue;
      const found = await this.lookup(c);
      if (found.length === 0) continue;
      names.push(c);
      links.push(...found);
      for (const w of c.split(' ')) covered.add(w.toLowerCase());
    }
    return { names, source: names.length > 0 ? 'signature' : null, links: unique(links) };
  }
}

function unique(links: readonly FindingLink[]): FindingLink[] {
  const byId = new Map(links.map((l) => [l.id, l]));
  return [...byId.values()].slice(0, maxLinks);
}
