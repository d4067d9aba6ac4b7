import { plural } from '../../plural.js';
import type { IndicatorHit, SoftwareProfile } from '../../store/intel-store.js';
import { nameWithAliases } from '../actor-names.js';
import type { Knowledge } from '../knowledge.js';
import type { AttributionWeights } from '../weights.js';

/** What ages how fast: addresses change hands, names less so, a file is what it is. */
export type IndicatorClass = 'ip' | 'domain' | 'file';

/** The class of an indicator type. */
export function indicatorClass(type: string): IndicatorClass {
  if (type === 'ipv4' || type === 'ipv6' || type === 'cidr') return 'ip';
  if (type === 'domain' || type === 'url' || type === 'email') return 'domain';
  return 'file';
}

/** True for types that name infrastructure (the rest identify malware: hashes, fingerprints). */
export function isInfrastructureType(type: string): boolean {
  return indicatorClass(type) !== 'file';
}

/** How much of its log-likelihood ratio an indicator keeps, and why. */
export interface IndicatorScale {
  readonly factor: number;
  readonly notes: readonly string[];
  /** Dated a year or more before the activity (the notes say so in words). */
  readonly aged: boolean;
}

const day = 86_400_000;

/** The age part alone: halved every half-life, never below the floor; undated values are discounted. */
export function ageFactor(
  date: string | null,
  at: string,
  cls: IndicatorClass,
  w: AttributionWeights['age'],
): { factor: number; note: string; aged: boolean } {
  const t = date ? Date.parse(date) : Number.NaN;
  if (!Number.isFinite(t)) return { factor: w.undated, note: 'undated in the knowledge base', aged: false };
  const days = (Date.parse(at) - t) / day;
  if (!(days > 0))
    return { factor: 1, note: `dated ${date?.slice(0, 10)}, current at the time`, aged: false };
  const factor = Math.max(w.floor, 0.5 ** (days / w.halfLifeDays[cls]));
  const years = days / 365.25;
  const aged = years >= 1;
  const span = aged ? `${years.toFixed(1)} years` : plural(Math.round(days), 'day');
  return { factor, note: `dated ${date?.slice(0, 10)}, ${span} before the activity`, aged };
}

/**
 * Scale of an indicator's log-LR: its age at the time of the activity, how the observed value
 * matched (a listed parent domain or CIDR is weaker than the value itself), how many sources list it,
 * whether it sits on a context list (dynamic DNS, VPN), and the sources' stated confidence.
 */
export function indicatorScale(
  hit: Pick<
    IndicatorHit,
    'type' | 'match' | 'firstSeen' | 'lastSeen' | 'validFrom' | 'sources' | 'contextLists' | 'confidence'
  >,
  at: string,
  w: AttributionWeights,
): IndicatorScale {
  const notes: string[] = [];
  const age = ageFactor(hit.lastSeen ?? hit.validFrom ?? hit.firstSeen, at, indicatorClass(hit.type), w.age);
  let factor = age.factor;
  notes.push(age.note);
  if (hit.match === 'parent-domain') {
    factor *= w.infrastructure.parentDomain;
    notes.push('a listed parent domain');
  } else if (hit.match === 'cidr') {
    factor *= w.infrastructure.cidr;
    notes.push('inside a listed range');
  }
  const sources = new Set(hit.sources.map((s) => s.source)).size;
  if (sources > 1) {
    factor *= Math.min(w.sources.maxBonus, 1 + w.sources.bonusPerSource * (sources - 1));
    notes.push(`listed by ${sources} sources`);
  }
  if (hit.contextLists.length > 0) {
    factor *= w.infrastructure.contextList;
    notes.push(`on ${hit.contextLists.join(', ')} (shared by many)`);
  }
  if (hit.confidence !== null) factor *= 0.5 + Math.max(0, Math.min(100, hit.confidence)) / 200;
  return { factor, notes, aged: age.aged };
}

/** A base likelihood ratio after scaling its logarithm. */
export function scaledLr(base: number, factor: number): number {
  return Math.exp(Math.log(base) * factor);
}

/** LR for each user of a family: exclusive families count fully, shared ones are divided among users. */
export function sharedLr(base: number, users: number): number {
  return users <= 0 ? 1 : 1 + (base - 1) / users;
}

/** Whom an indicator points at: actors (directly or through a campaign) and malware families. */
export interface IndicatorRoutes {
  /** Actor id → the campaign it came through (null: attributed to the actor directly). */
  readonly actors: ReadonlyMap<string, string | null>;
  readonly families: readonly SoftwareProfile[];
}

/** Resolves an indicator's entities through the knowledge base's profiles. */
export function routesOf(hit: Pick<IndicatorHit, 'entities'>, k: Knowledge): IndicatorRoutes {
  const actors = new Map<string, string | null>();
  const families = new Map<string, SoftwareProfile>();
  for (const e of hit.entities) {
    if (k.actors.has(e.id)) actors.set(e.id, null);
    const sw = k.software.get(e.id);
    if (sw) families.set(sw.id, sw);
  }
  for (const e of hit.entities) {
    const c = k.campaigns.get(e.id);
    for (const a of c?.actors ?? []) if (!actors.has(a)) actors.set(a, c?.name ?? null);
  }
  return { actors, families: [...families.values()] };
}

/** "menuPass (APT10)": the canonical name with its best-known alias. */
export function actorLabel(k: Knowledge, id: string): string {
  const a = k.actors.get(id);
  return a ? nameWithAliases(a.name, a.aliases, 1) : id;
}

/** Names of a few actors, and how many more. */
export function actorList(k: Knowledge, ids: readonly string[], max = 3): string {
  const names = ids.slice(0, max).map((id) => actorLabel(k, id));
  return ids.length > max ? `${names.join(', ')} and ${ids.length - max} more` : names.join(', ');
}
