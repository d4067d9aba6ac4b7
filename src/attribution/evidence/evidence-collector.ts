import type { Evidence, EvidenceFlags, EvidenceKind } from '../../domain/attribution.js';
import type { Incident } from '../../domain/incident.js';
import type { Knowledge } from '../knowledge.js';
import type { AttributionWeights } from '../weights.js';

/** An evidence item before it is numbered. */
export type DraftEvidence = Omit<Evidence, 'id'>;

/** An item with the flags that are set; without a `flags` key when none is. */
export function flagged(item: DraftEvidence, flags: EvidenceFlags): DraftEvidence {
  const set = Object.entries(flags).filter(([, v]) => v !== undefined);
  return set.length === 0 ? item : { ...item, flags: Object.fromEntries(set) as EvidenceFlags };
}

/** What the victim organisation is, when the analyst says (weak context evidence). */
export interface VictimContext {
  readonly sector?: string;
  readonly country?: string;
}

/** Everything a collector may read. */
export interface EvidenceContext {
  readonly incident: Incident;
  readonly knowledge: Knowledge;
  readonly weights: AttributionWeights;
  /** When the activity happened (ISO): indicator ages are measured against it. */
  readonly at: string;
  readonly victim: VictimContext;
  /** Items the collectors before this one found (context evidence weighs only named candidates). */
  readonly earlier: readonly DraftEvidence[];
}

/** Finds one kind of evidence for an incident in the knowledge base. */
export interface EvidenceCollector {
  readonly kind: EvidenceKind;
  readonly description: string;
  collect(ctx: EvidenceContext): Promise<DraftEvidence[]>;
}
