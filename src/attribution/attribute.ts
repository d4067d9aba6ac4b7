import type { Attribution, Evidence } from '../domain/attribution.js';
import { type Incident, isLikelyBenign } from '../domain/incident.js';
import type { IntelStore } from '../store/intel-store.js';
import type { DraftEvidence, VictimContext } from './evidence/evidence-collector.js';
import { evidenceCollectors } from './evidence/registry.js';
import { type AttributionCache, loadKnowledge } from './knowledge.js';
import { judge } from './model/judge.js';
import { type AttributionWeights, defaultWeights } from './weights.js';

export { type AttributionCache, createAttributionCache } from './knowledge.js';

/** Options of `attribute`. */
export interface AttributeOptions {
  /** The model's numbers (default `defaultWeights`, see docs/attribution.md). */
  readonly weights?: AttributionWeights;
  /** Reference time for indicator ages when the incident carries none (ISO; default the clock). */
  readonly now?: string;
  /** The victim organisation, for the weak context evidence. */
  readonly victim?: VictimContext;
  /** Share knowledge-base profiles and look-ups between the incidents of one run. */
  readonly cache?: AttributionCache;
}

/**
 * Ranks threat-actor hypotheses for an incident against the knowledge base: the collectors of
 * `evidence/registry.ts` gather infrastructure, malware, technique and context evidence as
 * likelihood ratios; the pure model (`model/judge.ts`) turns them into a posterior over actors and
 * "unknown", ICD 203 terms, an ACH matrix, analytic confidence and an assessment.
 */
export async function attribute(
  incident: Incident,
  kb: IntelStore,
  opts: AttributeOptions = {},
): Promise<Attribution> {
  const weights = opts.weights ?? defaultWeights;
  const knowledge = await loadKnowledge(kb, opts.cache);
  const at = incident.firstSeen || opts.now || new Date().toISOString();
  const drafts: DraftEvidence[] = [];
  for (const collector of Object.values(evidenceCollectors))
    drafts.push(
      ...(await collector.collect({
        incident,
        knowledge,
        weights,
        at,
        victim: opts.victim ?? {},
        earlier: drafts,
      })),
    );
  const evidence: Evidence[] = drafts.map((d, i) => ({ id: `E${i + 1}`, ...d }));
  return judge({
    incidentId: incident.id,
    evidence,
    actor: (id) => {
      const a = knowledge.actors.get(id);
      return a ? { name: a.name, aliases: a.aliases, attackId: a.attackId } : undefined;
    },
    weights,
    likelyBenign: isLikelyBenign(incident),
  });
}
