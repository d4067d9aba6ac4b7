import { withoutAddressSpace } from '../../domain/warninglist-roles.js';
import type { IndicatorHit } from '../../store/intel-store.js';
import {
  type DraftEvidence,
  type EvidenceCollector,
  type EvidenceContext,
  flagged,
} from './evidence-collector.js';
import {
  actorList,
  indicatorClass,
  indicatorScale,
  isInfrastructureType,
  routesOf,
  scaledLr,
  sharedLr,
} from './indicator-weight.js';
import { type ObservedValue, observedValues } from './observed-values.js';

const sourceNames = (hit: IndicatorHit) => [...new Set(hit.sources.map((s) => s.source))].join(', ');

/** The listed value as the analyst should read it: `a.evil.com (listed: evil.com)`. */
function shown(o: ObservedValue, hit: IndicatorHit): string {
  return hit.value === o.value ? o.value : `${o.value} (listed: ${hit.value})`;
}

const matchOrder = ['exact', 'parent-domain', 'cidr'];
/** Strongest match first; a kind of match this code does not know goes last. */
const matchRank = (h: IndicatorHit) => {
  const i = matchOrder.indexOf(h.match);
  return i === -1 ? matchOrder.length : i;
};

/**
 * Items for one observed value: each actor once, by the strongest route (the value itself before a
 * listed parent, the actor before a campaign before a malware family it uses).
 */
function itemsOf(
  o: ObservedValue,
  hits: readonly IndicatorHit[],
  valueLists: readonly string[],
  usedKeys: Set<string>,
  ctx: EvidenceContext,
): DraftEvidence[] {
  const { knowledge: k, weights: w } = ctx;
  const items: DraftEvidence[] = [];
  const covered = new Set<string>();
  for (const hit of [...hits].sort((a, b) => matchRank(a) - matchRank(b))) {
    // An indicator counts once: `x.evil.com` and `evil.com` seen together are one listing of evil.com.
    if (!isInfrastructureType(hit.type) || usedKeys.has(hit.key)) continue;
    usedKeys.add(hit.key);
    const routes = routesOf(hit, k);
    const direct = [...routes.actors].filter(([a, via]) => via === null && !covered.has(a)).map(([a]) => a);
    const lists = [...withoutAddressSpace(hit.warninglists), ...valueLists];
    if (lists.length > 0) {
      // Shared and benign infrastructure tells nothing about who used it.
      const named = [...routes.actors.keys()].filter((a) => !covered.has(a));
      if (named.length > 0)
        items.push(
          flagged(
            {
              kind: 'infrastructure',
              observation: `${shown(o, hit)} is listed as infrastructure of ${actorList(k, named)}`,
              source: sourceNames(hit),
              actors: named,
              likelihoodRatio: 1,
              why: `on warninglist ${[...new Set(lists)].join(', ')}: shared or benign infrastructure counts for nothing`,
            },
            { warninglisted: true },
          ),
        );
      for (const a of named) covered.add(a);
      continue;
    }
    const scale = indicatorScale(hit, ctx.at, w);
    const base = indicatorClass(hit.type) === 'ip' ? w.infrastructure.ip : w.infrastructure.domain;
    const aged = { aged: scale.aged ? (true as const) : undefined };
    if (direct.length > 0)
      items.push(
        flagged(
          {
            kind: 'infrastructure',
            observation: `${shown(o, hit)} is listed as infrastructure of ${actorList(k, direct)}`,
            source: sourceNames(hit),
            actors: direct,
            likelihoodRatio: scaledLr(base, scale.factor),
            why: `${hit.type} indicator attributed to the actor; ${scale.notes.join('; ')}`,
          },
          aged,
        ),
      );
    for (const a of direct) covered.add(a);
    const byCampaign = new Map<string, string[]>();
    for (const [a, via] of routes.actors)
      if (via !== null && !covered.has(a)) byCampaign.set(via, [...(byCampaign.get(via) ?? []), a]);
    for (const [campaign, actors] of byCampaign) {
      items.push(
        flagged(
          {
            kind: 'infrastructure',
            observation: `${shown(o, hit)} belongs to the campaign ${campaign}, attributed to ${actorList(k, actors)}`,
            source: sourceNames(hit),
            actors,
            likelihoodRatio: scaledLr(base, scale.factor * w.infrastructure.viaCampaign),
            why: `attributed through a campaign; ${scale.notes.join('; ')}`,
          },
          aged,
        ),
      );
      for (const a of actors) covered.add(a);
    }
    for (const f of routes.families) {
      const users = f.users.filter((u) => !covered.has(u));
      if (users.length === 0) continue;
      items.push(
        flagged(
          {
            kind: 'infrastructure',
            observation: `${shown(o, hit)} is listed as infrastructure of ${f.name}, used by ${actorList(k, f.users)}`,
            source: sourceNames(hit),
            actors: users,
            likelihoodRatio: scaledLr(sharedLr(w.infrastructure.viaMalware, f.users.length), scale.factor),
            why: `infrastructure of a malware family used by ${f.users.length} known actor${f.users.length === 1 ? '' : 's'}; ${scale.notes.join('; ')}`,
          },
          { ...aged, familyUsers: f.users.length },
        ),
      );
      for (const a of users) covered.add(a);
    }
  }
  return items;
}

/** Incident addresses and names that the knowledge base lists as an actor's, a campaign's or a family's. */
export const infrastructureEvidence: EvidenceCollector = {
  kind: 'infrastructure',
  description: 'addresses and names of the incident listed as infrastructure of actors, campaigns or malware',
  async collect(ctx) {
    const out: DraftEvidence[] = [];
    const values = observedValues(ctx.incident).filter((o) => isInfrastructureType(o.type));
    // Each value is checked on its own: one server may merge an attacker's own name with a CDN
    // address (or, through a proxy, a private one), and the name must keep its weight.
    const listed = await ctx.knowledge.warninglists(values.map((o) => o.value));
    const usedKeys = new Set<string>();
    // Parents of other observed names last, so that a listed parent is credited to the name
    // actually contacted.
    const isParent = (o: ObservedValue) => values.some((x) => x.value.endsWith(`.${o.value}`));
    const ordered = [...values.filter((o) => !isParent(o)), ...values.filter(isParent)];
    for (const o of ordered) {
      const hits = await ctx.knowledge.lookup(o.value);
      if (hits.length > 0) out.push(...itemsOf(o, hits, listed.get(o.value) ?? [], usedKeys, ctx));
    }
    return out;
  },
};
