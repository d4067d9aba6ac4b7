/**
 * Every number the attribution model uses, in one place. docs/attribution.md explains each one and
 * the calibration behind it (`npm run bench:attribution`). Likelihood ratios (LR) say how much more
 * likely the observation is if the actor it points at was involved than if someone else was.
 */
export interface AttributionWeights {
  /** Recorded in each attribution; bump it whenever a number below changes. */
  readonly version: string;
  readonly prior: {
    /** Prior mass of "an actor the knowledge base does not know". */
    readonly unknown: number;
    /** How many known actors share the rest of the prior evenly (an effective pool, not the KB's size). */
    readonly actorPool: number;
  };
  readonly infrastructure: {
    /** LR of a live C2 domain (or URL) attributed to one actor, exact match, fresh, one source. */
    readonly domain: number;
    /** LR of a listed address: addresses change hands sooner than names. */
    readonly ip: number;
    /** Multipliers of the log-LR by how the observed value matched the listed one. */
    readonly parentDomain: number;
    readonly cidr: number;
    /** Log-LR multiplier when the indicator names a campaign attributed to the actor, not the actor. */
    readonly viaCampaign: number;
    /** LR for infrastructure known for a malware family used by exactly one actor (divided among users). */
    readonly viaMalware: number;
    /** Log-LR multiplier for values on a context list (dynamic DNS, VPN): shared, but not benign. */
    readonly contextList: number;
  };
  readonly malware: {
    /** LR of a file hash (or JA3) attributed to the actor itself. */
    readonly actorHash: number;
    /** LR of a family identified by hash or fingerprint when one actor uses it; shared families divide it. */
    readonly familyByHash: number;
    /** Same, when only an IDS signature or its metadata names the family. */
    readonly familyBySignature: number;
  };
  readonly technique: {
    /** LR of a technique = (actors with techniques / its users) ^ exponent, at most `maxPerTechnique`. */
    readonly exponent: number;
    readonly maxPerTechnique: number;
  };
  readonly context: {
    readonly countryMatch: number;
    /** The actor has known victim countries, and the victim's is not among them. */
    readonly countryMiss: number;
    readonly sectorMatch: number;
    readonly sectorMiss: number;
    /** Activity concentrated in the working hours of the actor's country. */
    readonly hoursConsistent: number;
    readonly hoursInconsistent: number;
    /** Fewer timeline events than this say nothing about working hours. */
    readonly hoursMinEvents: number;
    /** Share of events inside local working hours above which hours are consistent, below which not. */
    readonly hoursHighShare: number;
    readonly hoursLowShare: number;
  };
  readonly age: {
    /** Days after which an indicator's log-LR is halved, by what it is. */
    readonly halfLifeDays: { readonly ip: number; readonly domain: number; readonly file: number };
    /** The least an old indicator keeps (as a log-LR multiplier). */
    readonly floor: number;
    /** Multiplier for indicators without any date: assume they are not fresh. */
    readonly undated: number;
  };
  /** Log-LR bonus per additional source listing the same value, and its ceiling. */
  readonly sources: { readonly bonusPerSource: number; readonly maxBonus: number };
  /** The n-th strongest item of one kind counts `dependence^(n-1)` of its log-LR (items of a kind overlap). */
  readonly dependence: number;
  /** Ceiling of the combined LR of each kind, so that no pile of one kind decides alone. */
  readonly kindCap: {
    readonly infrastructure: number;
    readonly malware: number;
    readonly technique: number;
    readonly context: number;
  };
  /** An item is specific (ACH: inconsistent with the hypotheses it does not name) from this LR, for at most `specificActors`. */
  readonly ach: { readonly specificLr: number; readonly specificActors: number };
  /** Named actors shown besides "unknown". */
  readonly shownActors: number;
}

/** The calibrated defaults (see docs/attribution.md, "Calibration"). */
export const defaultWeights: AttributionWeights = {
  version: '1',
  prior: { unknown: 0.5, actorPool: 100 },
  infrastructure: {
    domain: 150,
    ip: 60,
    parentDomain: 0.8,
    cidr: 0.5,
    viaCampaign: 0.9,
    viaMalware: 20,
    contextList: 0.5,
  },
  malware: { actorHash: 60, familyByHash: 30, familyBySignature: 12 },
  technique: { exponent: 0.5, maxPerTechnique: 3 },
  context: {
    countryMatch: 1.5,
    countryMiss: 0.8,
    sectorMatch: 1.3,
    sectorMiss: 0.9,
    hoursConsistent: 1.5,
    hoursInconsistent: 0.75,
    hoursMinEvents: 6,
    hoursHighShare: 0.75,
    hoursLowShare: 0.15,
  },
  age: { halfLifeDays: { ip: 180, domain: 365, file: 1460 }, floor: 0.2, undated: 0.7 },
  sources: { bonusPerSource: 0.15, maxBonus: 1.45 },
  dependence: 0.5,
  kindCap: { infrastructure: 1e5, malware: 1e4, technique: 4, context: 3 },
  ach: { specificLr: 5, specificActors: 3 },
  shownActors: 3,
};
