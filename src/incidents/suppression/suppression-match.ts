import { matchesIndicators } from '../../detect/detector-properties.js';
import type { Finding } from '../../domain/finding.js';
import type { Suppression, SuppressionMatch } from '../../domain/suppression.js';

/** A name as it is compared: lower case, without a trailing dot. */
const norm = (v: string): string => v.trim().toLowerCase().replace(/\.$/, '');

/**
 * True when the finding's endpoint is the destination: its address or name is it, or its name is a
 * subdomain of it (a rule for `example.com` covers `cdn.example.com`).
 */
export function destinationMatches(
  destination: string,
  f: Pick<Finding, 'endpointIp' | 'endpointDomain'>,
): boolean {
  const d = norm(destination);
  if (!d) return false;
  if (f.endpointIp !== null && norm(f.endpointIp) === d) return true;
  if (f.endpointDomain === null) return false;
  const name = norm(f.endpointDomain);
  return name === d || name.endsWith(`.${d}`);
}

/** True when the rule applies to the finding's network (a rule without scope applies to every one). */
export function inRuleScope(rule: Pick<Suppression, 'scope'>, f: Pick<Finding, 'scope'>): boolean {
  return rule.scope === null || rule.scope === (f.scope ?? null);
}

/**
 * Whether a rule of any kind but `ja3` covers the finding (ja3 needs the TLS rows: ja3-pairs-query.ts).
 * Scope is checked separately.
 */
export function matchesWithoutTelemetry(m: SuppressionMatch, f: Finding): boolean {
  switch (m.kind) {
    case 'host-destination':
      return f.host === m.host && destinationMatches(m.destination, f);
    case 'destination':
      return destinationMatches(m.destination, f);
    case 'detector-destination':
      return f.detector === m.detector && destinationMatches(m.destination, f);
    case 'ja3':
      return false;
  }
}

/**
 * True when the finding rests on a live intel indicator: its detector matches indicators, or it
 * links to knowledge-base entities through a match. A suppression never hides such a finding.
 */
export function intelMatched(f: Finding): boolean {
  return matchesIndicators(f) || f.links.length > 0;
}
