import { withoutAddressSpace } from '../domain/warninglist-roles.js';
import { detectIndicator } from '../intel/indicators/normalize.js';
import { tryIpRange } from '../net/ip-range.js';
import { refusalOf } from '../net/live-scope.js';
import type {
  ActorProfile,
  CampaignProfile,
  IndicatorHit,
  IntelStore,
  SoftwareProfile,
} from '../store/intel-store.js';

/** The knowledge base as attribution reads it: profiles indexed once, indicator look-ups cached. */
export interface Knowledge {
  readonly actors: ReadonlyMap<string, ActorProfile>;
  readonly software: ReadonlyMap<string, SoftwareProfile>;
  readonly campaigns: ReadonlyMap<string, CampaignProfile>;
  /** Actor ids by the technique id they are reported to use, exactly as reported. */
  readonly techniqueUsers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Actor ids by parent technique, counting every sub-technique under its parent. */
  readonly techniqueFamilyUsers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Actors with at least one technique: the population technique rarity is measured against. */
  readonly actorsWithTechniques: number;
  /** Indicators of the knowledge base equal to or containing a value (typed automatically). */
  lookup(value: string): Promise<readonly IndicatorHit[]>;
  /** Benign warninglists each value is on (values on none are left out). */
  warninglists(values: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>>;
}

/**
 * Keeps the knowledge base's profiles and indicator look-ups between `attribute` calls of one run
 * (a hunt attributes every incident against the same knowledge base). Create one per run: it does
 * not notice imports made after it first loaded.
 */
export interface AttributionCache {
  store: IntelStore | null;
  knowledge: Promise<Knowledge> | null;
}

/** An empty cache for one run of attributions. */
export function createAttributionCache(): AttributionCache {
  return { store: null, knowledge: null };
}

/** The parent of a sub-technique (T1071.001 → T1071); a technique is its own parent. */
export function parentTechnique(id: string): string {
  return id.split('.')[0] ?? id;
}

function indexTechniques(actors: readonly ActorProfile[], byParent: boolean): Map<string, Set<string>> {
  const users = new Map<string, Set<string>>();
  const add = (t: string, actor: string) => {
    let s = users.get(t);
    if (!s) {
      s = new Set();
      users.set(t, s);
    }
    s.add(actor);
  };
  for (const a of actors) for (const t of a.techniques) add(byParent ? parentTechnique(t) : t, a.id);
  return users;
}

async function load(kb: IntelStore): Promise<Knowledge> {
  const p = await kb.actorProfiles();
  const hits = new Map<string, Promise<readonly IndicatorHit[]>>();
  const lookup = (value: string): Promise<readonly IndicatorHit[]> => {
    let hit = hits.get(value);
    if (!hit) {
      const n = detectIndicator(value);
      if (!n.ok) hit = Promise.resolve([]);
      else {
        const range = ['ipv4', 'ipv6', 'cidr'].includes(n.type) ? tryIpRange(n.value) : null;
        // A store imported before address limits existed may hold 0.0.0.0/0 or private blocks; they
        // are evidence about every server and so about none.
        hit = kb
          .searchIndicators({
            type: n.type,
            value: n.value,
            ipVersion: range?.v ?? null,
            ipLo: range?.lo ?? null,
            ipHi: range?.hi ?? null,
          })
          .then((found) => found.filter((h) => refusalOf(h.type, h.value) === null));
      }
      hits.set(value, hit);
    }
    return hit;
  };
  const listed = new Map<string, readonly string[]>();
  const warninglists = async (values: readonly string[]) => {
    const missing = [...new Set(values)].filter((v) => !listed.has(v));
    if (missing.length > 0) {
      const found = await kb.warninglistsOf(missing);
      // Incident servers are outside the monitored networks, private or not (see Internal C2).
      for (const v of missing) listed.set(v, withoutAddressSpace(found.get(v) ?? []));
    }
    return new Map(values.map((v) => [v, listed.get(v) ?? []]));
  };
  return {
    actors: new Map(p.actors.map((a) => [a.id, a])),
    software: new Map(p.software.map((s) => [s.id, s])),
    campaigns: new Map(p.campaigns.map((c) => [c.id, c])),
    techniqueUsers: indexTechniques(p.actors, false),
    techniqueFamilyUsers: indexTechniques(p.actors, true),
    actorsWithTechniques: p.actors.filter((a) => a.techniques.length > 0).length,
    lookup,
    warninglists,
  };
}

/** The knowledge of `kb`, from the cache when it already holds it. */
export function loadKnowledge(kb: IntelStore, cache?: AttributionCache): Promise<Knowledge> {
  if (!cache) return load(kb);
  if (cache.store !== kb || !cache.knowledge) {
    cache.store = kb;
    cache.knowledge = load(kb);
  }
  return cache.knowledge;
}
