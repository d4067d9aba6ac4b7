import { sameRelation } from '../detect/corroboration.js';
import type { Finding } from '../domain/finding.js';
import type { Incident } from '../domain/incident.js';
import { type AdminLink, adminLinks } from './admin-links.js';
import { assembleIncident } from './assemble-incident.js';
import { type CorrelateOptions, correlateConfig, isStrong } from './correlate-config.js';
import type { CorrelationFacts } from './correlation-facts.js';
import { type GraphEdge, groupNodes } from './host-grouping.js';
import { compareIncidents } from './incident-order.js';
import { addressNames, isPopularEndpoint, popularityLists, vettedPopular } from './popular-services.js';
import { identifyServers } from './server-identity.js';
import { linkServers } from './server-links.js';
import { sharedInfrastructure } from './shared-infrastructure.js';

const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * Strong findings build incidents, weak ones only attach. A strong finding on a popular service
 * (YouTube's video edges, a CDN, a top site) counts as weak unless intel, an IDS alert or high
 * findings of two kinds on the same host and server call it C2: alone, such a service never starts
 * an incident nor joins one as a C2 server.
 */
function splitFindings(
  findings: readonly Finding[],
  facts: CorrelationFacts,
  cfg: ReturnType<typeof correlateConfig>,
): { strong: Finding[]; weak: Finding[] } {
  const listsOf = popularityLists(facts.warninglists);
  const namesOf = addressNames(facts);
  const strong: Finding[] = [];
  const weak: Finding[] = [];
  for (const f of findings) {
    if (f.host === '') continue;
    if (!isStrong(f, cfg.minScore)) weak.push(f);
    else if (!isPopularEndpoint(f, listsOf, namesOf)) strong.push(f);
    else if (
      vettedPopular(
        f,
        findings.filter((o) => o !== f && sameRelation(f, o)),
        cfg,
      )
    )
      strong.push(f);
    else weak.push(f);
  }
  return { strong, weak };
}

/**
 * Correlates findings into incidents (pure; the facts come from the store). Findings at or above
 * `minScore` build a graph of internal hosts and server clusters; weaker ones only attach to a host
 * and server already tied together. Suspicious incidents first, then likely-benign look-alikes, each
 * by severity, score and size (`incident-order.ts`). See README.md.
 */
export function correlate(
  findings: readonly Finding[],
  facts: CorrelationFacts = {},
  options: CorrelateOptions = {},
): Incident[] {
  const cfg = correlateConfig(options);
  const { strong, weak } = splitFindings(findings, facts, cfg);
  if (strong.length === 0) return [];
  const shared = sharedInfrastructure(strong, facts, cfg);
  const identity = identifyServers(strong, weak, facts, shared, cfg);
  const clusterOf = linkServers(identity, strong, facts, cfg);
  const admin = adminLinks(strong, facts, cfg);

  const edges = new Map<string, GraphEdge>();
  const addEdge = (e: GraphEdge) => {
    const k = `${e.u}|${e.v}`;
    const was = edges.get(k);
    edges.set(
      k,
      was
        ? {
            ...was,
            weight: Math.max(was.weight, e.weight),
            first: Math.min(was.first, e.first),
            last: Math.max(was.last, e.last),
          }
        : e,
    );
  };
  for (const f of strong)
    for (const s of identity.serversOf(f)) {
      const cluster = clusterOf(s);
      // Warninglisted and common servers stay with each host that reached them, joining no one.
      if (cluster !== null)
        addEdge({
          u: `h:${f.host}`,
          v: `c:${cluster}`,
          weight: f.score,
          first: seconds(f.first),
          last: seconds(f.last),
        });
    }
  for (const l of admin)
    addEdge({
      u: `h:${l.from}`,
      v: `h:${l.to}`,
      weight: cfg.adminLinkWeight,
      first: seconds(l.ts),
      last: seconds(l.ts),
    });
  const groupOf = groupNodes([...edges.values()], cfg);

  const groups = new Map<string, { findings: Finding[]; admin: AdminLink[] }>();
  const groupFor = (host: string) => {
    const g = groupOf(`h:${host}`);
    const x = groups.get(g) ?? { findings: [], admin: [] };
    groups.set(g, x);
    return x;
  };
  for (const f of [...strong, ...identity.attached]) groupFor(f.host).findings.push(f);
  for (const l of admin) if (groupOf(`h:${l.from}`) === groupOf(`h:${l.to}`)) groupFor(l.from).admin.push(l);

  return [...groups.values()]
    .map((g) => assembleIncident({ findings: g.findings, admin: g.admin, identity, facts, cfg }))
    .sort(compareIncidents);
}
