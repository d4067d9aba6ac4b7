/** The kinds of evidence attribution weighs; each is scored independently of the others. */
export const evidenceKinds = ['infrastructure', 'malware', 'technique', 'context'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** ICD 203 expressions of likelihood, lowest first. */
export const icdTerms = [
  'almost no chance',
  'very unlikely',
  'unlikely',
  'roughly even chance',
  'likely',
  'very likely',
  'almost certain',
] as const;
export type IcdTerm = (typeof icdTerms)[number];

/** Analytic confidence: how much the quantity, quality and independence of the evidence allow. */
export type Confidence = 'low' | 'moderate' | 'high';

/** What weak context evidence is about, and whether the victim or the hours fit the actors. */
export interface ContextFact {
  readonly about: 'country' | 'sector' | 'hours';
  readonly fits: boolean;
}

/**
 * Facts about an item that the assessment reads besides its numbers. The collectors set them with
 * the sentences, so that the assessment never reads the sentences themselves. Each is absent when
 * it does not apply.
 */
export interface EvidenceFlags {
  /** The value is on a benign warninglist: the item counts for nothing. */
  readonly warninglisted?: true;
  /** How many known actors use the malware family the item names (a shared tool weighs less). */
  readonly familyUsers?: number;
  /** The indicator was dated a year or more before the activity, and weighs less for it. */
  readonly aged?: true;
  /** The context it is about. */
  readonly context?: ContextFact;
}

/** One item of evidence, with where it came from, how strong it is and why. */
export interface Evidence {
  /** Stable within one attribution (`E1`, `E2`…), referenced by hypotheses and the ACH matrix. */
  readonly id: string;
  readonly kind: EvidenceKind;
  /** What was observed, in a phrase: "185.82.219.20 is a listed APT10 C2 address". */
  readonly observation: string;
  /** Where the link to actors comes from (knowledge-base source, indicator, report). */
  readonly source: string;
  /** Knowledge-base actor ids this evidence points at (empty: it points at nobody in particular). */
  readonly actors: readonly string[];
  /** Likelihood ratio for the actors it points at against the rest (1 is no information). */
  readonly likelihoodRatio: number;
  /** Why it counts as much as it does (age, shared tool, warninglist, rarity). */
  readonly why: string;
  /** What the assessment reads of it; absent when no flag applies. */
  readonly flags?: EvidenceFlags;
}

/** One hypothesis: an actor from the knowledge base, or `unknown`. */
export interface Hypothesis {
  /** Canonical name, or `unknown`. */
  readonly actor: string;
  /** Knowledge-base entity id (null for `unknown`). */
  readonly actorId: string | null;
  readonly aliases: readonly string[];
  /** ATT&CK group id (G0045) when known. */
  readonly attackId: string | null;
  /** Posterior probability, 0–1. */
  readonly probability: number;
  readonly term: IcdTerm;
  /** Product of the likelihood ratios of the evidence supporting it (1 for `unknown`). */
  readonly likelihood: number;
  /** The evidence items bearing on it. */
  readonly evidence: readonly Evidence[];
}

export type AchMark = 'consistent' | 'inconsistent' | 'neutral';

/** Analysis of competing hypotheses: evidence rows by hypothesis columns. */
export interface AchMatrix {
  /** Hypothesis actor names, in the order of the hypotheses. */
  readonly hypotheses: readonly string[];
  readonly rows: readonly { readonly evidence: string; readonly marks: readonly AchMark[] }[];
}

/** Who is behind an incident, in estimative language, with the evidence behind it. */
export interface Attribution {
  /** Sorted by probability, highest first; always includes `unknown`. */
  readonly hypotheses: readonly Hypothesis[];
  readonly evidence: readonly Evidence[];
  readonly confidence: Confidence;
  readonly ach: AchMatrix;
  /** One paragraph in estimative language. */
  readonly assessment: string;
  /** Version of the weights file the model ran with. */
  readonly modelVersion: string;
  /**
   * Actors the evidence raised without any evidence of their own (a technique or tool many actors
   * use): left out of the hypotheses, their probability counted in "unknown". Absent when none.
   */
  readonly unlistedActors?: number;
  /**
   * The incident is a likely-benign look-alike and nothing names an actor: no actor is assessed, and
   * renderers say so instead of ranking "unknown" (which would read "almost certain").
   */
  readonly likelyBenign?: true;
}
