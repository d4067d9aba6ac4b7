import type { EvidenceKind } from '../../domain/attribution.js';
import { contextEvidence } from './context-evidence.js';
import type { EvidenceCollector } from './evidence-collector.js';
import { infrastructureEvidence } from './infrastructure-evidence.js';
import { malwareEvidence } from './malware-evidence.js';
import { techniqueEvidence } from './technique-evidence.js';

/**
 * The collectors, in the order they run: context comes last because it only weighs the actors the
 * other kinds named.
 */
export const evidenceCollectors = {
  infrastructure: infrastructureEvidence,
  malware: malwareEvidence,
  technique: techniqueEvidence,
  context: contextEvidence,
} as const satisfies Record<EvidenceKind, EvidenceCollector>;
