import type { ContextFact } from '../../domain/attribution.js';
import type { DraftEvidence, EvidenceCollector, EvidenceContext } from './evidence-collector.js';
import { actorList } from './indicator-weight.js';
import { countryUtcOffsets, formatOffset, workingHoursShare } from './operator-hours.js';
import { countryName, countryTargeted, sectorTargeted } from './victim-match.js';

/** Actors technique overlap alone may name as candidates for context. */
const techniqueCandidates = 5;

/**
 * The actors worth weighing context for: those infrastructure or malware evidence points at, and the
 * few that technique overlap favours most. Context alone never names a candidate.
 */
export function contextCandidates(ctx: EvidenceContext): string[] {
  const specific = new Set<string>();
  const byTechnique = new Map<string, number>();
  for (const e of ctx.earlier) {
    if (e.likelihoodRatio <= 1) continue;
    if (e.kind === 'technique')
      for (const a of e.actors) byTechnique.set(a, (byTechnique.get(a) ?? 0) + Math.log(e.likelihoodRatio));
    else for (const a of e.actors) specific.add(a);
  }
  const top = [...byTechnique]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, techniqueCandidates)
    .map(([a]) => a);
  return [...new Set([...specific, ...top])].filter((a) => ctx.knowledge.actors.has(a)).sort();
}

/** Splits actors by a test into two items (match and miss); actors without data are left out. */
function split(
  actors: readonly string[],
  known: (a: string) => boolean,
  test: (a: string) => boolean,
): { hit: string[]; miss: string[] } {
  const withData = actors.filter(known);
  return { hit: withData.filter(test), miss: withData.filter((a) => !test(a)) };
}

function victimItems(ctx: EvidenceContext, candidates: readonly string[]): DraftEvidence[] {
  const { knowledge: k, weights: w, victim } = ctx;
  const actor = (id: string) => k.actors.get(id);
  const out: DraftEvidence[] = [];
  const push = (actors: string[], lr: number, observation: string, why: string, context: ContextFact) => {
    if (actors.length > 0)
      out.push({
        kind: 'context',
        observation,
        source: 'MISP threat-actor galaxy (cfr-*)',
        actors,
        likelihoodRatio: lr,
        why,
        flags: { context },
      });
  };
  if (victim.country) {
    const name = countryName(victim.country);
    const s = split(
      candidates,
      (a) => (actor(a)?.targetCountries.length ?? 0) > 0,
      (a) => countryTargeted(name, actor(a)?.targetCountries ?? []),
    );
    push(
      s.hit,
      w.context.countryMatch,
      `the victim is in ${name}, a country ${actorList(k, s.hit)} is known to target`,
      'victim country among the actor’s known victims (weak: targeting lists are incomplete)',
      { about: 'country', fits: true },
    );
    push(
      s.miss,
      w.context.countryMiss,
      `the victim is in ${name}, not among the known victims of ${actorList(k, s.miss)}`,
      'victim country not among the actor’s known victims (weak)',
      { about: 'country', fits: false },
    );
  }
  if (victim.sector) {
    const sector = victim.sector;
    const s = split(
      candidates,
      (a) => (actor(a)?.targetSectors.length ?? 0) > 0,
      (a) => sectorTargeted(sector, actor(a)?.targetSectors ?? []),
    );
    push(
      s.hit,
      w.context.sectorMatch,
      `the victim's sector (${sector}) is one ${actorList(k, s.hit)} is known to target`,
      'sector among the actor’s known targets (weak)',
      { about: 'sector', fits: true },
    );
    push(
      s.miss,
      w.context.sectorMiss,
      `the victim's sector (${sector}) is not among those ${actorList(k, s.miss)} is known to target`,
      'sector not among the actor’s known targets (weak)',
      { about: 'sector', fits: false },
    );
  }
  return out;
}

/** Whether activity fits a working day in the candidates' countries, one item per time zone. */
function hoursItems(ctx: EvidenceContext, candidates: readonly string[]): DraftEvidence[] {
  const { knowledge: k, weights: w, incident } = ctx;
  const times = incident.timeline.map((t) => t.ts);
  if (times.length < w.context.hoursMinEvents) return [];
  const byOffset = new Map<number, string[]>();
  for (const a of candidates) {
    const country = k.actors.get(a)?.country;
    const offset = country ? countryUtcOffsets[country] : undefined;
    if (offset !== undefined) byOffset.set(offset, [...(byOffset.get(offset) ?? []), a]);
  }
  const out: DraftEvidence[] = [];
  for (const [offset, actors] of [...byOffset].sort((a, b) => a[0] - b[0])) {
    const share = workingHoursShare(times, offset);
    const pct = `${Math.round(share * 100)}%`;
    const zone = formatOffset(offset);
    if (share >= w.context.hoursHighShare)
      out.push({
        kind: 'context',
        observation: `${pct} of ${times.length} timeline events fall in working hours at ${zone}`,
        source: 'incident timeline',
        actors,
        likelihoodRatio: w.context.hoursConsistent,
        why: `consistent with operators working office hours in the country of ${actorList(k, actors)} (weak: schedules can be shifted)`,
        flags: { context: { about: 'hours', fits: true } },
      });
    else if (share <= w.context.hoursLowShare)
      out.push({
        kind: 'context',
        observation: `only ${pct} of ${times.length} timeline events fall in working hours at ${zone}`,
        source: 'incident timeline',
        actors,
        likelihoodRatio: w.context.hoursInconsistent,
        why: `activity mostly outside office hours in the country of ${actorList(k, actors)} (weak)`,
        flags: { context: { about: 'hours', fits: false } },
      });
  }
  return out;
}

/** Weak context: the victim against an actor's known targeting, and activity hours against its time zone. */
export const contextEvidence: EvidenceCollector = {
  kind: 'context',
  description: 'victim sector and country against known targeting; activity hours against time zones',
  async collect(ctx) {
    const candidates = contextCandidates(ctx);
    if (candidates.length === 0) return [];
    return [...victimItems(ctx, candidates), ...hoursItems(ctx, candidates)];
  },
};
