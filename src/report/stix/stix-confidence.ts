import type { IcdTerm } from '../../domain/attribution.js';

/**
 * STIX 2.1 (OASIS Standard, and Errata 01), Appendix A "Confidence Scales", DNI Scale table: each
 * ICD 203 expression of likelihood maps to one STIX `confidence` value (Almost No Chance / Remote 5,
 * Very Unlikely 15, Unlikely 30, Roughly Even Chance 50, Likely 70, Very Likely 85, Almost
 * Certain 95). The table's "ranges of values" column is for reading confidence back, not writing it.
 */
export const dniConfidence: Record<IcdTerm, number> = {
  'almost no chance': 5,
  'very unlikely': 15,
  unlikely: 30,
  'roughly even chance': 50,
  likely: 70,
  'very likely': 85,
  'almost certain': 95,
};

/** The STIX confidence for an ICD 203 term. */
export function stixConfidence(term: IcdTerm): number {
  return dniConfidence[term];
}
