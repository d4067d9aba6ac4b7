import { type AlertClass, categoryOf, classify, classTechniques } from './alert-classes.js';
import { type AlertMetadata, parseAlertMetadata } from './alert-metadata.js';
import { firingCeiling, type SignatureFacts, signatureScore } from './alert-score.js';
import { familyCandidates } from './family-names.js';
import type { AlertSignature } from './suricata-alerts-query.js';

/** Everything the detector derives from one rule, once per rule. */
export interface RuleFacts {
  readonly signature: AlertSignature;
  readonly cls: AlertClass;
  readonly facts: SignatureFacts;
  readonly metadata: AlertMetadata;
  readonly candidates: readonly string[];
}

const hedge = /\b(possible|potential|likely|probable)\b/i;
const hunting = /\b(suspicious|hunting)\b/i;

/** Reads a rule's class, category, severity and metadata. */
export function ruleFacts(s: AlertSignature): RuleFacts {
  const cls = classify(s.signature, s.category);
  const metadata = parseAlertMetadata(s.metadata);
  const category = categoryOf(s.category);
  return {
    signature: s,
    cls,
    metadata,
    candidates: familyCandidates(s.signature, cls),
    facts: {
      cls,
      categoryLevel: category.level,
      categoryPriority: category.priority,
      severity: s.severity,
      signatureSeverity: metadata.signatureSeverity,
      confidence: metadata.confidence,
      hedges: (hedge.test(s.signature) ? 1 : 0) + (hunting.test(s.signature) ? 1 : 0),
    },
  };
}

/** The most a rule can score in each direction (a family found, an inbound attempt answered). */
export function ruleCeiling(r: RuleFacts): { outbound: number; inbound: number } {
  const family = r.metadata.malwareFamilies.length > 0 || r.candidates.length > 0;
  return {
    outbound: signatureScore(r.facts, { outbound: true, answered: false, family }),
    inbound: Math.min(
      firingCeiling(r.facts, { outbound: false, answered: true }),
      signatureScore(r.facts, { outbound: false, answered: true, family }),
    ),
  };
}

/** ATT&CK techniques of a rule: its metadata's, else its class's. */
export function ruleTechniques(r: RuleFacts, outbound: boolean): string[] {
  if (r.metadata.techniques.length > 0) return [...r.metadata.techniques];
  return classTechniques(r.cls, outbound, r.signature.signature, r.signature.category);
}
