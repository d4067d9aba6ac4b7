import type { Finding } from '../domain/finding.js';
import { type CorrelateConfig, isStrong } from './correlate-config.js';
import type { CorrelationFacts } from './correlation-facts.js';
import {
  type Atom,
  atomValue,
  findingAtoms,
  identitySets,
  ipAtom,
  isIpAtom,
  isIpLiteral,
  nameAtom,
  primaryAtom,
} from './endpoints.js';
import { leadIns } from './lead-ins.js';
import type { SharedInfrastructure } from './shared-infrastructure.js';
import { UnionFind } from './union-find.js';

/** Addresses and names found to be one server, before it is placed in an incident. */
export interface InfraServer {
  readonly id: string;
  readonly key: string;
  readonly ips: readonly string[];
  readonly domains: readonly string[];
  /** Why its values are one server, and (added by linking) why it is linked to others. */
  readonly mergedBy: string[];
  /** Warninglisted or common: it joins no hosts and links to no other server. */
  readonly blocked: boolean;
  readonly warninglists: readonly string[];
}

/** The servers of a set of findings, and which findings are about which servers. */
export interface ServerIdentity {
  readonly servers: ReadonlyMap<string, InfraServer>;
  serversOf(f: Finding): InfraServer[];
  primaryOf(f: Finding): InfraServer | undefined;
  /** Weak findings about a host and server that a strong finding already ties together, and lead-ins. */
  readonly attached: readonly Finding[];
}

const byAddress = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Up to `n` values, then how many more. */
export function listSome(values: readonly string[], n = 3): string {
  const shown = values.slice(0, n).join(', ');
  return values.length > n ? `${shown} and ${values.length - n} more` : shown;
}

function describeSet(f: Finding, set: readonly Atom[]): string {
  const names = set.filter((a) => !isIpAtom(a)).map(atomValue);
  const ips = set.filter(isIpAtom).map(atomValue);
  const what =
    names.length === 0
      ? listSome(ips)
      : ips.length === 0
        ? listSome(names)
        : `${listSome(names)} at ${listSome(ips)}`;
  return `${f.detector}: ${what} as one server`;
}

/**
 * Merges the findings' addresses and names into servers: what one finding names together (a name
 * and its addresses, a sweep), and DNS answers (the addresses behind a name, the names of an
 * address), except through shared hosting, CDNs, warninglisted or common values. Weak findings only
 * attach to a host and server a strong finding already ties together, adding the names they know.
 */
export function identifyServers(
  strong: readonly Finding[],
  weak: readonly Finding[],
  facts: CorrelationFacts,
  shared: SharedInfrastructure,
  cfg: CorrelateConfig,
): ServerIdentity {
  const uf = new UnionFind();
  const reasons: { atom: Atom; text: string }[] = [];
  const strongAtoms = new Set<Atom>();
  // A lead-in (the payload a host fetched as it was compromised) brings its server along.
  const leading = leadIns(strong, weak, cfg);
  for (const f of [...strong, ...leading])
    for (const set of identitySets(f)) {
      for (const a of set) {
        uf.add(a);
        if (isStrong(f, cfg.minScore)) strongAtoms.add(a);
      }
      for (const a of set.slice(1)) uf.union(set[0] as Atom, a);
      if (set.length > 1) reasons.push({ atom: set[0] as Atom, text: describeSet(f, set) });
    }
  mergeByDns(uf, reasons, facts, shared, cfg);

  const pairs = new Set<string>();
  for (const f of strong) for (const a of findingAtoms(f)) pairs.add(`${f.host}|${uf.find(a)}`);
  const attached: Finding[] = [...leading];
  const lead = new Set(leading);
  for (const f of weak) {
    if (lead.has(f)) continue;
    const atoms = findingAtoms(f);
    const root = atoms.filter((a) => uf.has(a)).find((a) => pairs.has(`${f.host}|${uf.find(a)}`));
    if (root === undefined) continue;
    attached.push(f);
    const fresh = atoms.filter((a) => !uf.has(a));
    for (const a of fresh) uf.union(root, a);
    if (fresh.length > 0)
      reasons.push({ atom: root, text: `${f.detector}: also named ${listSome(fresh.map(atomValue))}` });
  }

  const members = new Map<string, Atom[]>();
  for (const a of uf.keys()) {
    const r = uf.find(a);
    const list = members.get(r) ?? [];
    list.push(a);
    members.set(r, list);
  }
  const textsOf = new Map<string, string[]>();
  for (const r of reasons) {
    const list = textsOf.get(uf.find(r.atom)) ?? [];
    list.push(r.text);
    textsOf.set(uf.find(r.atom), list);
  }
  const servers = new Map<string, InfraServer>();
  for (const [id, atoms] of members) {
    const ips = atoms.filter(isIpAtom).map(atomValue).sort(byAddress);
    const names = atoms.filter((a) => !isIpAtom(a));
    // Names the strong findings gave come first; the key is the first name, else the first address.
    const domains = [
      ...names.filter((a) => strongAtoms.has(a)).sort(),
      ...names.filter((a) => !strongAtoms.has(a)).sort(),
    ].map(atomValue);
    servers.set(id, {
      id,
      key: domains[0] ?? ips[0] ?? id,
      ips,
      domains,
      mergedBy: [...new Set(textsOf.get(id) ?? [])],
      blocked: atoms.some((a) => shared.blocked(a)),
      warninglists: [...new Set(atoms.flatMap((a) => shared.warninglists(a)))].sort(),
    });
  }
  const serverOf = (a: Atom) => (uf.has(a) ? servers.get(uf.find(a)) : undefined);
  return {
    servers,
    serversOf: (f) => [...new Set(findingAtoms(f).flatMap((a) => serverOf(a) ?? []))],
    primaryOf: (f) => {
      const a = primaryAtom(f);
      return a === null ? undefined : serverOf(a);
    },
    attached,
  };
}

/**
 * Unions the addresses behind a findings' name and the names of a findings' address (so two
 * addresses behind one name, or two names on one address, become one server), except through an
 * address with many names (shared hosting) or a name with many addresses (a CDN or pool).
 */
function mergeByDns(
  uf: UnionFind,
  reasons: { atom: Atom; text: string }[],
  facts: CorrelationFacts,
  shared: SharedInfrastructure,
  cfg: CorrelateConfig,
): void {
  const resolutions = (facts.resolutions ?? []).filter((r) => !isIpLiteral(r.name) && isIpLiteral(r.ip));
  const namesOf = new Map<string, number>();
  const addressesOf = new Map<string, number>();
  for (const r of resolutions) {
    namesOf.set(r.ip, (namesOf.get(r.ip) ?? 0) + 1);
    addressesOf.set(r.name.toLowerCase(), (addressesOf.get(r.name.toLowerCase()) ?? 0) + 1);
  }
  for (const a of facts.addresses ?? []) namesOf.set(a.ip, Math.max(namesOf.get(a.ip) ?? 0, a.names));
  for (const n of facts.names ?? [])
    addressesOf.set(n.name, Math.max(addressesOf.get(n.name.toLowerCase()) ?? 0, n.addresses));
  for (const r of resolutions) {
    const ip = ipAtom(r.ip);
    const name = nameAtom(r.name);
    if ((!uf.has(ip) && !uf.has(name)) || shared.blocked(ip) || shared.blocked(name)) continue;
    if ((namesOf.get(r.ip) ?? 0) > cfg.maxNamesPerAddress) continue;
    if ((addressesOf.get(atomValue(name)) ?? 0) > cfg.maxAddressesPerName) continue;
    if (uf.has(name) && uf.find(name) === uf.find(ip)) continue;
    uf.union(ip, name);
    reasons.push({ atom: ip, text: `DNS: ${atomValue(name)} resolved to ${r.ip}` });
  }
}
