import { type IcdTerm, icdTerms } from '../../domain/attribution.js';

/** Upper bounds of the ICD 203 bands (the last band runs to 1), in the order of `icdTerms`. */
export const icdUpperBounds = [0.05, 0.2, 0.45, 0.55, 0.8, 0.95, 1] as const;

/**
 * The ICD 203 expression for a probability: almost no chance below 5%, very unlikely to 20%,
 * unlikely to 45%, roughly even chance to 55%, likely to 80%, very likely to 95%, almost certain
 * above. A bound belongs to the band above it (55% is likely).
 */
export function icdTerm(p: number): IcdTerm {
  const i = icdUpperBounds.findIndex((hi) => p < hi);
  return icdTerms[i === -1 ? icdTerms.length - 1 : i] as IcdTerm;
}

/** Probabilities as reported: never 0 or 1, since ICD 203's scale stops at 1% and 99%. */
export function clampProbability(p: number): number {
  return Math.min(0.99, Math.max(0.01, p));
}

/** "70%", from an already clamped probability. */
export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}
