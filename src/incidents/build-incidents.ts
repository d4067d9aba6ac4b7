import { InternalNetworks } from '../detect/internal-networks.js';
import { scopeSensors } from '../detect/run-detectors.js';
import type { Finding } from '../domain/finding.js';
import type { Incident } from '../domain/incident.js';
import { withoutAddressSpace } from '../domain/warninglist-roles.js';
import type { Store } from '../store/store.js';
import { firstFindings } from './admin-links.js';
import { correlate } from './correlate.js';
import { type CorrelateConfig, correlateConfig, isStrong } from './correlate-config.js';
import { atomValue, findingAtoms, isIpAtom } from './endpoints.js';
import { incidentFacts } from './incident-facts-query.js';
import { incidentId } from './incident-id.js';
import { compareIncidents } from './incident-order.js';

/** How to build incidents from a detection run's findings. */
export interface BuildIncidentsOptions {
  /** The monitored networks (default RFC 1918 and friends), as given to detection. */
  readonly internal?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  /** Findings below this score only attach to incidents (default 0.5, the detect default). */
  readonly minScore?: number;
  /** Every correlation threshold from the run's config (default `correlateDefaults`); `minScore` wins over its own. */
  readonly settings?: CorrelateConfig;
}

/**
 * A finding through a web proxy may name the proxy's inside address as its endpoint (or among its
 * addresses): the server is the name it asked for, and an inside address is nobody's C2 server.
 */
function outsideEndpoints(f: Finding, internal: InternalNetworks): Finding {
  const inside = (ip: string) => internal.has(ip);
  const listed = f.stats['ips'];
  const ips = Array.isArray(listed) ? listed.map(String) : null;
  if (!(f.endpointIp && inside(f.endpointIp)) && !ips?.some(inside)) return f;
  return {
    ...f,
    endpointIp: f.endpointIp && inside(f.endpointIp) ? null : f.endpointIp,
    stats: ips ? { ...f.stats, ips: ips.filter((ip) => !inside(ip)) } : f.stats,
  };
}

/**
 * Correlates a run's findings into incidents, one scope (network) at a time: findings of two scopes
 * never share an incident, since the same address in two networks is two hosts.
 */
export async function buildIncidents(
  store: Store,
  all: readonly Finding[],
  opts: BuildIncidentsOptions = {},
): Promise<Incident[]> {
  const byScope = new Map<string, Finding[]>();
  for (const f of all) {
    const list = byScope.get(f.scope ?? '') ?? [];
    list.push(f);
    byScope.set(f.scope ?? '', list);
  }
  const out: Incident[] = [];
  for (const [scope, findings] of [...byScope].sort((a, b) => a[0].localeCompare(b[0]))) {
    const sensors = await scopeSensors(store, scope);
    const found = await buildScopeIncidents(store, findings, { ...opts, sensors });
    out.push(
      ...found.map((i) =>
        scope
          ? {
              ...i,
              id: incidentId(
                i.hosts.map((h) => h.ip),
                i.servers.map((s) => s.key),
                scope,
              ),
              scope,
            }
          : i,
      ),
    );
  }
  // Scopes in one list, ranked as correlate ranks one scope's.
  return byScope.size < 2 ? out : out.sort(compareIncidents);
}

/**
 * Correlates one scope's findings into incidents: asks the store for the infrastructure facts about
 * the findings' hosts, addresses and names (DNS answers, certificates, JA3S, traffic, lateral
 * connections) and the warninglists they are on, then calls `correlate`.
 */
async function buildScopeIncidents(
  store: Store,
  all: readonly Finding[],
  opts: BuildIncidentsOptions & { readonly sensors?: readonly string[] },
): Promise<Incident[]> {
  const cfg = correlateConfig({ ...opts.settings, minScore: opts.minScore });
  if (!all.some((f) => isStrong(f, cfg.minScore))) return [];
  const internal = new InternalNetworks(opts.internal);
  const findings = all.map((f) => outsideEndpoints(f, internal));
  const atoms = [...new Set(findings.flatMap(findingAtoms))];
  const ips = atoms.filter(isIpAtom).map(atomValue);
  const domains = atoms.filter((a) => !isIpAtom(a)).map(atomValue);
  const first = firstFindings(findings.filter((f) => isStrong(f, cfg.minScore)));
  const facts = await incidentFacts(store.analytics, {
    internal: internal.ranges,
    hosts: [...new Set(findings.map((f) => f.host))],
    ips,
    domains,
    admin: {
      targets: [...first].map(([ip, before]) => ({ ip, before })),
      ports: cfg.adminPorts,
      lookbackSeconds: cfg.adminLookbackSeconds,
      minBytes: cfg.adminMinBytes,
    },
    from: opts.from,
    to: opts.to,
    sensors: opts.sensors,
  });
  const values = [
    ...ips,
    ...domains,
    ...facts.resolutions.flatMap((r) => [r.name, r.ip]),
    ...facts.addresses.flatMap((a) => [
      ...a.certificates.map((c) => c.fingerprint),
      ...a.ja3s.map((j) => j.value),
    ]),
  ];
  // A private address outside the monitored networks is a server like any other (see Internal C2).
  const warninglists = new Map(
    [...(await store.intel.warninglistsOf([...new Set(values)]))]
      .map(([v, ls]) => [v, withoutAddressSpace(ls)] as const)
      .filter(([, ls]) => ls.length > 0),
  );
  return correlate(findings, { ...facts, warninglists }, cfg);
}
