import type { Confidence, Evidence } from '../../domain/attribution.js';
import type { AttributionWeights } from '../weights.js';
import { isSpecific } from './ach.js';

/** LR from which an item counts as real support in judging confidence. */
const supportLr = 2;
/** LR from which an item is strong on its own (a listed C2 name, an attributed file). */
const strongLr = 20;

/** The sources named by items (`a, b` lists several). */
function sourcesOf(items: readonly Evidence[]): Set<string> {
  return new Set(items.flatMap((e) => e.source.split(',').map((s) => s.trim())).filter(Boolean));
}

/**
 * Analytic confidence in the leading hypothesis, apart from its probability: high needs strong
 * items (LR ≥ 20) of two independent kinds from two or more sources, four supporting items and
 * nothing specific against it; moderate needs strong items of two kinds, or two strong items from
 * two sources; anything less, and an "unknown" lead, is low.
 */
export function analyticConfidence(
  lead: { actorId: string | null; probability: number },
  evidence: readonly Evidence[],
  w: AttributionWeights,
): Confidence {
  if (lead.actorId === null) return 'low';
  const id = lead.actorId;
  const support = evidence.filter((e) => e.actors.includes(id) && e.likelihoodRatio >= supportLr);
  const strong = support.filter((e) => e.likelihoodRatio >= strongLr);
  const sources = sourcesOf(strong).size;
  const against = evidence.some((e) => !e.actors.includes(id) && isSpecific(e, w));
  // Technique and context evidence never reach the strong bar: independence must come from
  // infrastructure and malware, not from behaviour many actors share.
  const strongKinds = new Set(strong.map((e) => e.kind)).size;
  if (strongKinds >= 2 && sources >= 2 && support.length >= 4 && lead.probability >= 0.8 && !against)
    return 'high';
  if (lead.probability >= 0.5 && (strongKinds >= 2 || (strong.length >= 2 && sources >= 2)))
    return 'moderate';
  return 'low';
}
