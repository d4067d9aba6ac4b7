import { type EvidenceKind, evidenceKinds } from '../../domain/attribution.js';
import type { AttributionWeights } from '../weights.js';

/** What the combination needs of an evidence item. */
export interface Weighed {
  readonly kind: EvidenceKind;
  readonly actors: readonly string[];
  readonly likelihoodRatio: number;
}

/** An actor's combined evidence: the log-likelihood ratio in all and per kind. */
export interface ActorScore {
  readonly logLr: number;
  readonly byKind: Readonly<Record<EvidenceKind, number>>;
}

/**
 * Combines likelihood ratios per actor. Kinds are taken as independent (their log-LRs add); items
 * of one kind are not (ten addresses of one C2 service are one finding), so within a kind the items
 * are sorted by strength and the n-th counts `dependence^(n-1)` of its log-LR, and the kind's total
 * is capped. Items that argue against an actor (LR < 1) are discounted the same way.
 */
export function combine(evidence: readonly Weighed[], w: AttributionWeights): Map<string, ActorScore> {
  const logs = new Map<string, Map<EvidenceKind, number[]>>();
  for (const e of evidence) {
    const l = Math.log(e.likelihoodRatio);
    if (!Number.isFinite(l) || l === 0) continue;
    for (const a of e.actors) {
      let byKind = logs.get(a);
      if (!byKind) {
        byKind = new Map();
        logs.set(a, byKind);
      }
      byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), l]);
    }
  }
  const out = new Map<string, ActorScore>();
  for (const [actor, byKind] of logs) {
    const kinds = Object.fromEntries(evidenceKinds.map((k) => [k, 0])) as Record<EvidenceKind, number>;
    let total = 0;
    for (const [kind, ls] of byKind) {
      const sorted = [...ls].sort((a, b) => Math.abs(b) - Math.abs(a));
      const sum = sorted.reduce((s, l, i) => s + l * w.dependence ** i, 0);
      const cap = Math.log(w.kindCap[kind]);
      kinds[kind] = Math.max(-cap, Math.min(cap, sum));
      total += kinds[kind];
    }
    out.set(actor, { logLr: total, byKind: kinds });
  }
  return out;
}

/** Posterior probabilities of the actors and of "unknown"; they sum to 1. */
export interface Posterior {
  readonly unknown: number;
  readonly actors: ReadonlyMap<string, number>;
}

/**
 * The posterior over the scored actors and "unknown". Each known actor starts with an equal share of
 * the prior mass that is not "unknown", spread over an effective pool of actors; the actors the
 * evidence does not mention cannot be told apart from an unknown one, so their share stays with
 * "unknown".
 */
export function posterior(scores: ReadonlyMap<string, ActorScore>, w: AttributionWeights): Posterior {
  const perActor = (1 - w.prior.unknown) / w.prior.actorPool;
  const unknownWeight = w.prior.unknown + perActor * Math.max(0, w.prior.actorPool - scores.size);
  const weights = new Map<string, number>();
  let total = unknownWeight;
  for (const [a, s] of scores) {
    const x = perActor * Math.exp(s.logLr);
    weights.set(a, x);
    total += x;
  }
  return {
    unknown: unknownWeight / total,
    actors: new Map([...weights].map(([a, x]) => [a, x / total])),
  };
}
