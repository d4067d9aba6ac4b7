import type { AchMark, AchMatrix, Evidence } from '../../domain/attribution.js';
import type { AttributionWeights } from '../weights.js';

/** A column of the matrix: a named actor (by id) or "unknown" (null). */
export interface AchColumn {
  readonly actor: string;
  readonly actorId: string | null;
}

/** Strong evidence naming only a few actors: it argues against every hypothesis it does not name. */
export function isSpecific(e: Pick<Evidence, 'actors' | 'likelihoodRatio'>, w: AttributionWeights): boolean {
  return (
    e.likelihoodRatio >= w.ach.specificLr && e.actors.length > 0 && e.actors.length <= w.ach.specificActors
  );
}

/**
 * How one item bears on one hypothesis. An actor it names is consistent (LR > 1) or inconsistent
 * (LR < 1) with it; specific evidence for others is inconsistent with it; the rest is neutral.
 * "Unknown" is inconsistent with specific evidence and consistent with generic evidence that raises
 * many actors a little (techniques, shared tools), which an unknown actor would show as well.
 */
export function achMark(
  e: Pick<Evidence, 'actors' | 'likelihoodRatio'>,
  column: AchColumn,
  w: AttributionWeights,
): AchMark {
  const eps = 0.05;
  if (column.actorId === null) {
    if (isSpecific(e, w)) return 'inconsistent';
    return e.likelihoodRatio > 1 + eps ? 'consistent' : 'neutral';
  }
  if (e.actors.includes(column.actorId)) {
    if (e.likelihoodRatio > 1 + eps) return 'consistent';
    if (e.likelihoodRatio < 1 - eps) return 'inconsistent';
    return 'neutral';
  }
  return isSpecific(e, w) ? 'inconsistent' : 'neutral';
}

/** Evidence rows by hypothesis columns. */
export function achMatrix(
  evidence: readonly Evidence[],
  columns: readonly AchColumn[],
  w: AttributionWeights,
): AchMatrix {
  return {
    hypotheses: columns.map((c) => c.actor),
    rows: evidence.map((e) => ({ evidence: e.id, marks: columns.map((c) => achMark(e, c, w)) })),
  };
}
