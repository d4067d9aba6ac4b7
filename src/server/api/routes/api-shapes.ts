import type { z } from 'zod';
import type { Finding } from '../../../domain/finding.js';
import type { IndicatorHit } from '../../../store/intel-store.js';
import type { StoredFinding } from '../../../store/pivot/stored-findings-query.js';
import type { findingSchema } from '../schemas/incident-schemas.js';
import type { indicatorHit } from '../schemas/intel-schemas.js';

/**
 * A finding as the API schema types it. The shapes are the same; the domain's arrays are readonly
 * and zod's inferred ones are not, which is all this cast bridges (tests validate every answer).
 */
export function apiFinding(f: Finding): z.input<typeof findingSchema> {
  return f as unknown as z.input<typeof findingSchema>;
}

/** A stored finding with its run, as the API lists it. */
export function apiStoredFinding(s: StoredFinding): {
  runId: number;
  finding: z.input<typeof findingSchema>;
} {
  return { runId: s.runId, finding: apiFinding(s.finding) };
}

/** Indicator hits as the API schema types them (the same readonly-to-mutable bridge). */
export function apiIndicatorHits(hits: readonly IndicatorHit[]): z.input<typeof indicatorHit>[] {
  return hits as unknown as z.input<typeof indicatorHit>[];
}
