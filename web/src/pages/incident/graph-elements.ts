import type { Incident, IncidentServer } from '../../api/types.js';
import { clipped } from '../../ui/display-text.js';
import { groupHostsAbove, hostGroups } from './graph-groups.js';
import { type HostServerPair, incidentPairs } from './incident-pairs.js';

/** A node of the host–server graph, as plain data (Cytoscape reads `data`). */
export interface GraphNode {
  readonly data: {
    readonly id: string;
    readonly label: string;
    /** The whole name, for the tooltip. */
    readonly name: string;
    readonly kind: 'host' | 'server' | 'group';
    readonly role: IncidentServer['role'] | 'host';
    /** The value its page is keyed by (host IP, or the server's domain or IP). */
    readonly value: string;
    readonly bytes: number;
    readonly size: number;
    readonly detail: string;
    /** A group's host IPs, heaviest first. */
    readonly hosts?: readonly string[];
  };
}

export interface GraphEdge {
  readonly data: {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly bytes: number;
    readonly width: number;
  };
}

export interface GraphElements {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** Each group node's hosts and their edges, by group id (empty when hosts are drawn one by one). */
  readonly members: ReadonlyMap<string, GraphElements>;
  /** How many of the incident's hosts the graph stands for, drawn alone or in groups. */
  readonly hosts: number;
}

/** A short label for the canvas (controls made visible, cut); the tooltip and pages show it whole. */
function canvasLabel(v: string): string {
  return clipped(v, 32).shown;
}

/** Node diameter from bytes, on a log scale so one huge transfer does not hide the rest. */
function sizeOf(bytes: number, maxBytes: number): number {
  if (maxBytes <= 0) return 16;
  return 14 + 34 * (Math.log10(1 + bytes) / Math.log10(1 + maxBytes));
}

function hostNode(ip: string, bytes: number, findings: number, maxBytes: number): GraphNode {
  return {
    data: {
      id: `h:${ip}`,
      label: canvasLabel(ip),
      name: ip,
      kind: 'host',
      role: 'host',
      value: ip,
      bytes,
      size: sizeOf(bytes, maxBytes),
      detail: `${findings} finding(s)`,
    },
  };
}

function edge(source: string, target: string, bytes: number, maxPair: number): GraphEdge {
  return {
    data: {
      id: `e:${source}\u0000${target}`,
      source,
      target,
      bytes,
      width: 1 + 5 * (Math.log10(1 + bytes) / Math.log10(1 + maxPair)),
    },
  };
}

/**
 * The graph of an incident: one node per server; one per host, or past `groupAbove` hosts one per
 * host group (see hostGroups); one edge per host (or group) and server that talked, bytes summed.
 * `members` holds each group's hosts and their edges, for expanding it in place.
 */
export function graphElements(incident: Incident, groupAbove = groupHostsAbove): GraphElements {
  const hostBytes = incident.hosts.map((h) => ({ ip: h.ip, bytes: h.bytesOut + h.bytesIn }));
  const pairs = incidentPairs(incident);
  const groups = hostGroups(hostBytes, pairs, groupAbove) ?? [];
  const maxBytes = Math.max(
    1,
    ...hostBytes.map((h) => h.bytes),
    ...groups.map((g) => g.bytes),
    ...incident.servers.map((s) => s.bytesOut + s.bytesIn),
  );
  const maxPair = Math.max(
    1,
    ...pairs.map((p) => p.bytes),
    ...groups.flatMap((g) => [...g.bytesTo.values()]),
  );
  const servers = new Set(incident.servers.map((s) => s.key));
  const byIp = new Map(incident.hosts.map((h) => [h.ip, h]));
  const pairsOf = new Map<string, HostServerPair[]>();
  for (const p of pairs) {
    if (!servers.has(p.server) || !byIp.has(p.host)) continue;
    const list = pairsOf.get(p.host);
    if (list) list.push(p);
    else pairsOf.set(p.host, [p]);
  }
  const hostsAndEdges = (ips: readonly string[]): GraphElements => {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    for (const ip of ips) {
      const h = byIp.get(ip);
      if (!h) continue;
      nodes.push(hostNode(ip, h.bytesOut + h.bytesIn, h.findings, maxBytes));
      for (const p of pairsOf.get(ip) ?? []) edges.push(edge(`h:${ip}`, `s:${p.server}`, p.bytes, maxPair));
    }
    return { nodes, edges, members: new Map(), hosts: nodes.length };
  };

  const single = groups.length === 0 ? incident.hosts.map((h) => h.ip) : [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const members = new Map<string, GraphElements>();
  for (const g of groups) {
    if (g.hosts.length === 1) {
      single.push(...g.hosts);
      continue;
    }
    nodes.push({
      data: {
        id: g.id,
        label: `${g.hosts.length} hosts`,
        name: `${g.hosts.length} hosts`,
        kind: 'group',
        role: 'host',
        value: g.id,
        bytes: g.bytes,
        size: sizeOf(g.bytes, maxBytes),
        detail: `reaching ${g.servers.length} server(s)`,
        hosts: g.hosts,
      },
    });
    for (const s of g.servers)
      if (servers.has(s)) edges.push(edge(g.id, `s:${s}`, g.bytesTo.get(s) ?? 0, maxPair));
    members.set(g.id, hostsAndEdges(g.hosts));
  }
  const alone = hostsAndEdges(single);
  nodes.unshift(...alone.nodes);
  edges.unshift(...alone.edges);
  for (const s of incident.servers) {
    const b = s.bytesOut + s.bytesIn;
    nodes.push({
      data: {
        id: `s:${s.key}`,
        label: canvasLabel(s.key),
        name: s.key,
        kind: 'server',
        role: s.role,
        value: s.domains[0] ?? s.ips[0] ?? s.key,
        bytes: b,
        size: sizeOf(b, maxBytes),
        detail: [s.ips.slice(0, 3).join(', '), s.ports.slice(0, 5).join(', ')].filter(Boolean).join(' · '),
      },
    });
  }
  return { nodes, edges, members, hosts: incident.hosts.length };
}
