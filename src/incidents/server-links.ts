import type { Finding } from '../domain/finding.js';
import type { CorrelateConfig } from './correlate-config.js';
import type { CorrelationFacts } from './correlation-facts.js';
import { ipAtom } from './endpoints.js';
import { type InfraServer, listSome, type ServerIdentity } from './server-identity.js';
import { UnionFind } from './union-find.js';

/** Knowledge-base entities that make two servers one operator's infrastructure. */
const operatorTypes: ReadonlySet<string> = new Set(['intrusion-set', 'threat-actor', 'campaign']);

interface Trait {
  readonly label: string;
  readonly servers: Set<InfraServer>;
  /** Addresses with findings presenting it, and all external addresses presenting it. */
  flagged: number;
  total: number;
}

/**
 * Links servers that are one operator's infrastructure without being one server: the same TLS
 * certificate or JA3S (when most of the addresses presenting it have findings, so a hosting
 * provider's default is no link), or the same actor or campaign behind the findings' indicators.
 * Returns each server's cluster; warninglisted and common servers link to nothing.
 */
export function linkServers(
  identity: ServerIdentity,
  strong: readonly Finding[],
  facts: CorrelationFacts,
  cfg: CorrelateConfig,
): (s: InfraServer) => string | null {
  const byIp = new Map<string, InfraServer>();
  for (const s of identity.servers.values()) if (!s.blocked) for (const ip of s.ips) byIp.set(ipAtom(ip), s);
  const flaggedIps = new Set(strong.flatMap((f) => identity.serversOf(f)).flatMap((s) => s.ips));

  const traits = new Map<string, Trait>();
  const note = (key: string, label: string, s: InfraServer, total: number) => {
    const t = traits.get(key) ?? { label, servers: new Set(), flagged: 0, total };
    t.servers.add(s);
    t.flagged += 1;
    t.total = Math.max(t.total, total);
    traits.set(key, t);
  };
  const lists = facts.warninglists;
  for (const a of facts.addresses ?? []) {
    const s = byIp.get(ipAtom(a.ip));
    if (!s || !flaggedIps.has(a.ip.toLowerCase())) continue;
    for (const c of a.certificates)
      if (!lists?.get(c.fingerprint)?.length)
        note(
          `cert:${c.fingerprint}`,
          `the same TLS certificate (${c.fingerprint.slice(0, 16)}…)`,
          s,
          c.servers,
        );
    for (const j of a.ja3s)
      if (!lists?.get(j.value)?.length) note(`ja3s:${j.value}`, `the same JA3S (${j.value})`, s, j.servers);
  }

  const uf = new UnionFind();
  const link = (label: string, unordered: readonly InfraServer[]) => {
    if (unordered.length < 2) return;
    // The facts come from SQL lists without an order; sorting keeps the text the same run to run.
    const servers = [...unordered].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
    for (const s of servers.slice(1)) uf.union((servers[0] as InfraServer).id, s.id);
    for (const s of servers) {
      const others = servers.filter((o) => o !== s).map((o) => o.key);
      s.mergedBy.push(`linked by ${label} to ${listSome(others)}`);
    }
  };
  for (const t of traits.values())
    if (t.flagged / Math.max(t.total, t.flagged) >= cfg.sharedTraitShare) link(t.label, [...t.servers]);

  const operators = new Map<string, { label: string; servers: Set<InfraServer> }>();
  for (const f of strong)
    for (const l of f.links.filter((x) => operatorTypes.has(x.type))) {
      const o = operators.get(l.id) ?? { label: `${l.name} (${l.type}, knowledge base)`, servers: new Set() };
      for (const s of identity.serversOf(f)) if (!s.blocked) o.servers.add(s);
      operators.set(l.id, o);
    }
  for (const o of operators.values()) link(o.label, [...o.servers]);

  return (s) => (s.blocked ? null : uf.find(s.id));
}
