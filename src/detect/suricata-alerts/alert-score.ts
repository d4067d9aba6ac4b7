import type { AlertClass, CategoryLevel } from './alert-classes.js';

/** What is known about a rule, independent of where it fired. */
export interface SignatureFacts {
  readonly cls: AlertClass;
  readonly categoryLevel: CategoryLevel | null;
  /** The classtype's default priority (its usual Suricata severity). */
  readonly categoryPriority: number | null;
  /** Suricata severity of the alerts (1 high … 3 low). */
  readonly severity: number | null;
  /** metadata `signature_severity`. */
  readonly signatureSeverity: string | null;
  /** metadata `confidence`. */
  readonly confidence: string | null;
  /** How much the message hedges: 1 for "Possible", "Potential", "Likely"; 2 with "Suspicious" too. */
  readonly hedges: number;
}

/** Where and how it fired. */
export interface FiringFacts {
  /** The internal host started the flow. */
  readonly outbound: boolean;
  /** Inbound only: the internal server sent real data back (see `answeredBytes`). */
  readonly answered: boolean;
  /** A malware family is named by metadata or linked from the knowledge base. */
  readonly family: boolean;
}

/** Server bytes in one flow from which an inbound attempt counts as answered: more than a handshake or a reset. */
export const answeredBytes = 1024;

/** Base score per class: [outbound, inbound]. Documented in the README. */
export const classBase: Record<Exclude<AlertClass, 'other'>, readonly [number, number]> = {
  malware: [0.7, 0.5],
  'c2-list': [0.7, 0.35],
  'attack-response': [0.65, 0.65],
  'current-events': [0.6, 0.45],
  attack: [0.45, 0.4],
  suspicious: [0.4, 0.3],
  pup: [0.35, 0.25],
  scan: [0.35, 0.3],
  reputation: [0.4, 0.3],
  tor: [0.4, 0.25],
  policy: [0.25, 0.2],
  protocol: [0.1, 0.1],
};

/** Rules of an unknown ruleset class are judged by their category, else by their severity. */
const categoryBase: Record<CategoryLevel, readonly [number, number]> = {
  strong: [0.6, 0.45],
  medium: [0.45, 0.4],
  weak: [0.3, 0.25],
  none: [0.1, 0.1],
};
const severityBase = (severity: number | null): readonly [number, number] =>
  severity === 1 ? [0.5, 0.4] : severity === 2 ? [0.35, 0.3] : [0.25, 0.2];

const strongClasses = new Set<AlertClass>([
  'malware',
  'c2-list',
  'attack-response',
  'current-events',
  'attack',
]);
/** Classes whose rules a strong category lifts: a POLICY rule filed as trojan activity means more than policy. */
const liftedClasses = new Set<AlertClass>(['pup', 'scan', 'reputation', 'tor', 'policy']);

const signatureSeverityBonus: Record<string, number> = {
  critical: 0.1,
  major: 0.05,
  minor: -0.05,
  informational: -0.1,
};
const confidenceBonus: Record<string, number> = { high: 0.05, low: -0.05 };

/** The base of a rule in one direction, before the facts of its firing. */
function base(s: SignatureFacts, outbound: boolean): number {
  const i = outbound ? 0 : 1;
  if (s.cls === 'other')
    return (s.categoryLevel ? categoryBase[s.categoryLevel] : severityBase(s.severity))[i];
  return classBase[s.cls][i];
}

/**
 * One rule's score where it fired. The class sets the base; a category that agrees or disagrees
 * with the class moves it; severity counts only where the rule overrides its classtype's priority
 * (ET POLICY rules are severity 1 because their classtype is); metadata severity and confidence,
 * a hedged message, a named family and an answered inbound attempt adjust it.
 */
export function signatureScore(s: SignatureFacts, f: FiringFacts): number {
  let score = base(s, f.outbound);
  if (s.cls !== 'other' && s.cls !== 'protocol') {
    if (s.categoryLevel === 'strong')
      score += strongClasses.has(s.cls) ? 0.05 : liftedClasses.has(s.cls) ? 0.1 : 0;
    if (s.categoryLevel === 'weak' && strongClasses.has(s.cls)) score -= 0.1;
    if (s.categoryLevel === 'none') score -= 0.1;
  }
  if (s.severity !== null) {
    const expected = s.categoryPriority ?? (s.cls === 'other' ? s.severity : 2);
    score += Math.max(-0.1, Math.min(0.1, (expected - s.severity) * 0.05));
  }
  score += signatureSeverityBonus[(s.signatureSeverity ?? '').toLowerCase()] ?? 0;
  score += confidenceBonus[(s.confidence ?? '').toLowerCase()] ?? 0;
  score -= 0.05 * Math.min(2, s.hedges);
  if (f.family) score += 0.1;
  if (!f.outbound && f.answered && s.cls !== 'protocol') score += 0.1;
  return round(Math.min(0.99, Math.max(0, score)));
}

/** How many hosts make a signature or endpoint common, and what share of the network. */
export const widespreadHosts = 5;
export const widespreadShare = 0.25;
/** What a widespread alert loses: a medium stays under high, a high-confidence family alert stays medium. */
export const widespreadPenalty = 0.3;

/** Outbound alerts that a large share of the network sets off are a rule's false positive or policy, not C2. */
export function isWidespread(hosts: number, networkHosts: number): boolean {
  return hosts >= widespreadHosts && hosts >= widespreadShare * Math.max(networkHosts, hosts);
}

/**
 * The most an alert can score where it fired. An attempt from the internet is not a compromise: it
 * stays medium at most, and at most 0.55 when the internal host sent little back, unless the rule itself saw
 * the attack succeed (attack-response rules match the victim's answer).
 */
export function firingCeiling(s: SignatureFacts, f: Pick<FiringFacts, 'outbound' | 'answered'>): number {
  if (f.outbound || s.cls === 'attack-response') return 0.99;
  return f.answered ? 0.7 : 0.55;
}

/**
 * A host ↔ endpoint pair: its best signature, +0.05 for each other signature scoring at least 0.4
 * (up to two), −0.3 when what it hit is widespread in the network, and no more than the highest
 * ceiling of its alerts (`firingCeiling`).
 */
export function pairScore(signatureScores: readonly number[], widespread: boolean, ceiling = 0.99): number {
  const sorted = [...signatureScores].sort((a, b) => b - a);
  const [best = 0, ...rest] = sorted;
  const corroborating = Math.min(2, rest.filter((s) => s >= 0.4).length);
  const score = Math.min(ceiling, best + corroborating * 0.05) - (widespread ? widespreadPenalty : 0);
  return round(Math.min(0.99, Math.max(0, score)));
}

const round = (x: number) => Math.round(x * 100) / 100;
