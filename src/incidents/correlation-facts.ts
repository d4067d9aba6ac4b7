import type { IncidentFacts } from './incident-facts-query.js';

/**
 * What correlation knows besides the findings: the store's infrastructure facts (any part may be
 * missing) and the benign warninglists each address, name or fingerprint is on.
 */
export type CorrelationFacts = Partial<IncidentFacts> & {
  readonly warninglists?: ReadonlyMap<string, readonly string[]>;
};
