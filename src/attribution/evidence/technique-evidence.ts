import type { Knowledge } from '../knowledge.js';
import { parentTechnique } from '../knowledge.js';
import type { AttributionWeights } from '../weights.js';
import type { DraftEvidence, EvidenceCollector } from './evidence-collector.js';

/**
 * Who is reported to use a technique: for a sub-technique, its users and those reported at the
 * parent's level; for a parent, the users of it or of any of its sub-techniques.
 */
export function usersOf(k: Knowledge, technique: string): ReadonlySet<string> {
  if (!technique.includes('.')) return k.techniqueFamilyUsers.get(technique) ?? new Set();
  const own = k.techniqueUsers.get(technique) ?? new Set<string>();
  const parent = k.techniqueUsers.get(parentTechnique(technique)) ?? new Set<string>();
  return new Set([...own, ...parent]);
}

/** Rarity as a likelihood ratio: a technique everyone uses says nothing, a rare one a little. */
export function rarityLr(users: number, population: number, w: AttributionWeights['technique']): number {
  if (users <= 0 || population <= 0) return 1;
  return Math.min(w.maxPerTechnique, Math.max(1, (population / users) ** w.exponent));
}

/** ATT&CK techniques observed in the incident, against the actors reported to use them. */
export const techniqueEvidence: EvidenceCollector = {
  kind: 'technique',
  description: 'observed ATT&CK techniques weighted by how few actors are reported to use them',
  async collect(ctx) {
    const { knowledge: k, weights: w, incident } = ctx;
    const observed = new Set([...incident.techniques, ...incident.findings.flatMap((f) => f.techniques)]);
    const out: DraftEvidence[] = [];
    for (const t of [...observed].sort()) {
      const users = [...usersOf(k, t)].sort();
      const lr = rarityLr(users.length, k.actorsWithTechniques, w.technique);
      if (users.length === 0 || lr <= 1) continue;
      out.push({
        kind: 'technique',
        observation: `the incident shows ${t}`,
        source: 'MITRE ATT&CK procedure examples',
        actors: users,
        likelihoodRatio: lr,
        why: `${users.length} of ${k.actorsWithTechniques} actors with ATT&CK techniques are reported to use it`,
      });
    }
    return out;
  },
};
