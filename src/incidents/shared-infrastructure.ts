import type { Finding } from '../domain/finding.js';
import type { CorrelateConfig } from './correlate-config.js';
import type { CorrelationFacts } from './correlation-facts.js';
import { type Atom, atomValue, findingAtoms } from './endpoints.js';
import { popularityLists } from './popular-services.js';

/** Why an address or name must not tie hosts or servers together. */
export interface SharedInfrastructure {
  /** The benign warninglists the value is on. */
  warninglists(a: Atom): readonly string[];
  /** Whether most of the network reaches it without being flagged for it. */
  common(a: Atom): boolean;
  /** Either of the two: nothing is merged or linked through it. */
  blocked(a: Atom): boolean;
}

/**
 * Judges the findings' addresses and names: warninglisted values (CDNs, cloud ranges, public
 * resolvers, top sites) and servers most of the network talks to would chain unrelated hosts.
 * A server is common only when the hosts reaching it are mostly unflagged: a C2 every host of a
 * large infection beacons to stays linkable.
 */
export function sharedInfrastructure(
  strong: readonly Finding[],
  facts: CorrelationFacts,
  cfg: CorrelateConfig,
): SharedInfrastructure {
  const flagged = new Map<Atom, Set<string>>();
  for (const f of strong)
    for (const a of findingAtoms(f)) {
      const s = flagged.get(a) ?? new Set<string>();
      s.add(f.host);
      flagged.set(a, s);
    }
  const talkers = new Map<Atom, number>();
  for (const x of facts.addresses ?? []) talkers.set(`ip:${x.ip.toLowerCase()}`, x.hosts);
  for (const x of facts.names ?? []) talkers.set(`dns:${x.name.toLowerCase()}`, x.hosts);
  const base = facts.internalHosts ?? 0;
  // A provider's own names (googlevideo.com) count as listed even in a store without warninglists.
  const lists = popularityLists(facts.warninglists);

  const warninglists = (a: Atom) => lists(atomValue(a));
  const common = (a: Atom) => {
    const n = talkers.get(a) ?? 0;
    if (base <= 0 || n < cfg.commonMinHosts || n <= cfg.commonShare * base) return false;
    return (flagged.get(a)?.size ?? 0) / n < cfg.commonFlaggedShare;
  };
  return {
    warninglists,
    common,
    blocked: (a) => warninglists(a).length > 0 || common(a),
  };
}
