import type { OddityName } from './oddity-names.js';

/**
 * What each oddity weighs when seen repeatedly. None reaches 0.5 alone: a self-signed server, a rare
 * user agent or a POST to an address each have ordinary explanations; it takes two or three together.
 */
export const oddityWeights: Readonly<Record<OddityName, number>> = {
  selfSigned: 0.35,
  placeholderCert: 0.3,
  expiredCert: 0.25,
  invalidCert: 0.1,
  noSni: 0.1,
  rareFingerprint: 0.2,
  missingHost: 0.4,
  postToRawIp: 0.35,
  rareUserAgent: 0.25,
  mimicUserAgent: 0.3,
  noUserAgent: 0.15,
  gatePost: 0.35,
};

/** The highest score: oddities are circumstantial, never proof (critical is for known indicators). */
export const oddityCap = 0.85;

const clamp = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** How much of an oddity's weight counts: 70% once, all of it from 20 sessions on (log scale). */
export function repetition(count: number): number {
  if (count <= 0) return 0;
  return round(0.7 + 0.3 * clamp(Math.log(count) / Math.log(20)));
}

/**
 * 1 while at most 10% of the network (counted as at least 20 hosts) uses the endpoint, falling to
 * 0.2 at half of it: a misconfigured server everyone uses is an IT ticket, not C2.
 */
export function prevalenceFactor(hosts: number, population: number): number {
  const share = hosts / Math.max(20, population);
  return round(1 - 0.8 * clamp((share - 0.1) / 0.4));
}

/** Oddities combine as independent evidence: 1 − Π(1 − weight × repetition), times prevalence. */
export function oddityScore(
  counts: Readonly<Record<OddityName, number>>,
  hosts: number,
  population: number,
): number {
  let doubt = 1;
  for (const [name, w] of Object.entries(oddityWeights) as [OddityName, number][])
    doubt *= 1 - w * repetition(counts[name] ?? 0);
  return round(Math.min(oddityCap, (1 - doubt) * prevalenceFactor(hosts, population)));
}
