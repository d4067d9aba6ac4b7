import type { Finding } from '../../domain/finding.js';
import { type Incident, type IncidentServer, isLikelyBenign } from '../../domain/incident.js';
import type { LookalikeTruth, SimTruth } from '../labels.js';
import { lookalikeReason } from './lookalike-reason.js';

/** What was expected, what was found and what was missed, by name. */
export interface FoundMissed {
  readonly total: number;
  readonly found: readonly string[];
  readonly missed: readonly string[];
}

/** Where one planted look-alike ended up. */
export interface LookalikeOutcome {
  readonly kind: LookalikeTruth['kind'];
  readonly description: string;
  readonly hosts: readonly string[];
  /** True unless a suspicious incident holds one of its hosts with one of its servers. */
  readonly setApart: boolean;
  /** The incidents holding it, with their verdict (none: it never became an incident). */
  readonly incidents: readonly { readonly id: string; readonly verdict: 'suspicious' | 'likely-benign' }[];
  /** Why, in one line, from the incidents holding it or else the findings on it (lookalikeReason). */
  readonly reason: string;
  /** The same reason in full: one line per incident holding it, else per finding on it. */
  readonly evidence: readonly string[];
}

/** A run's incidents scored against the simulator's labels.json. */
export interface LabelScore {
  /** Infected hosts in a suspicious incident. */
  readonly infectedHosts: FoundMissed;
  /** C2 servers (labelled `c2` entries, named by their first domain, else address) found. */
  readonly c2Servers: FoundMissed;
  /**
   * The C2 names and addresses (labels `c2Servers`) an infected host contacted or looked up (its
   * `endpoints`): a server's registered domain, or an address it had but never used, is not in the
   * logs to be found.
   */
  readonly c2Values: FoundMissed;
  /** Hosts of suspicious incidents that are neither infected nor an intrusion's relay. */
  readonly falseHosts: readonly string[];
  /** Servers of suspicious incidents (by key) with no malicious name or address. */
  readonly falseServers: readonly string[];
  /** One per planted look-alike; empty for labels of version 1, which do not list them. */
  readonly lookalikes: readonly LookalikeOutcome[];
  readonly lookalikesSetApart: number;
}

const lower = (s: string) => s.toLowerCase();

/** True when the server has the address, or a name equal to or under the labelled name. */
function serverHas(server: IncidentServer, value: string): boolean {
  const v = lower(value);
  if (server.ips.some((ip) => lower(ip) === v)) return true;
  return server.domains.some((d) => {
    const name = lower(d);
    return name === v || name.endsWith(`.${v}`);
  });
}

function foundMissed(all: readonly string[], isFound: (v: string) => boolean): FoundMissed {
  const found = all.filter(isFound);
  const missed = all.filter((v) => !isFound(v));
  return { total: all.length, found, missed };
}

/**
 * Scores incidents against the truth. Only suspicious incidents count as detections: a likely-benign
 * one is a look-alike set apart (`isLikelyBenign`), so it neither finds hosts nor makes false ones.
 * The run's findings say why each look-alike that started no incident was set apart.
 */
export function scoreIncidents(
  incidents: readonly Incident[],
  truth: SimTruth,
  findings: readonly Finding[],
): LabelScore {
  const suspicious = incidents.filter((i) => !isLikelyBenign(i));
  const servers = suspicious.flatMap((i) => i.servers);
  const hosts = new Set(suspicious.flatMap((i) => i.hosts.map((h) => h.ip)));
  const serverFound = (v: string) => servers.some((s) => serverHas(s, v));

  const c2Entries = truth.intrusions.flatMap((i) => i.c2.filter((c) => c.role === 'c2'));
  const c2Name = (c: (typeof c2Entries)[number]) => c.domains[0] ?? c.ips[0] ?? '?';
  const c2Found = new Set(c2Entries.filter((c) => [...c.domains, ...c.ips].some(serverFound)).map(c2Name));
  const relays = new Set(truth.intrusions.flatMap((i) => i.relays.map((r) => r.ip)));
  const infected = new Set(truth.infectedHosts);

  const lookalikes = (truth.lookalikes ?? []).map((l): LookalikeOutcome => {
    const holding = incidents.filter(
      (i) =>
        i.hosts.some((h) => l.hosts.includes(h.ip)) &&
        i.servers.some((s) => l.servers.some((v) => serverHas(s, v))),
    );
    const outcome = holding.map((i) => ({
      id: i.id,
      verdict: isLikelyBenign(i) ? ('likely-benign' as const) : ('suspicious' as const),
    }));
    const why = lookalikeReason(l, holding, findings);
    return {
      kind: l.kind,
      description: l.description,
      hosts: l.hosts,
      setApart: outcome.every((o) => o.verdict === 'likely-benign'),
      incidents: outcome,
      reason: why.short,
      evidence: why.lines,
    };
  });

  return {
    infectedHosts: foundMissed(truth.infectedHosts, (h) => hosts.has(h)),
    c2Servers: foundMissed(c2Entries.map(c2Name), (n) => c2Found.has(n)),
    c2Values: foundMissed(contactedC2(truth), serverFound),
    falseHosts: [...hosts].filter((h) => !infected.has(h) && !relays.has(h)).sort(),
    falseServers: [
      ...new Set(
        servers
          .filter((s) => ![...s.ips, ...s.domains].some((v) => isMalicious(v, truth.maliciousEndpoints)))
          .map((s) => s.key),
      ),
    ].sort(),
    lookalikes,
    lookalikesSetApart: lookalikes.filter((l) => l.setApart).length,
  };
}

// A server value is malicious when it is a labelled address, or a name equal to or under a labelled one.
function isMalicious(value: string, endpoints: readonly string[]): boolean {
  const v = lower(value);
  return endpoints.some((e) => {
    const m = lower(e);
    return v === m || v.endsWith(`.${m}`);
  });
}

// Labels of every version list the endpoints each infected host used; without any, every C2 value.
function contactedC2(truth: SimTruth): string[] {
  const used = new Set(truth.intrusions.flatMap((i) => i.infectedHosts.flatMap((h) => h.endpoints)));
  return used.size === 0 ? [...truth.c2Servers] : truth.c2Servers.filter((v) => used.has(v));
}
