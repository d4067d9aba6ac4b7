import type { Incident, IncidentServer } from '../../api/types.js';
import { clipped } from '../../ui/display-text.js';
import { incidentPairs } from './incident-pairs.js';

/** A node of the host–server graph, as plain data (Cytoscape reads `data`). */
export interface GraphNode {
  readonly data: {
    readonly id: string;
    readonly label: string;
    /** The whole name, for the tooltip. */
    readonly name: string;
    readonly kind: 'host' | 'server';
    readonly role: IncidentServer['role'] | 'host';
    /** The value its page is keyed by (host IP, or the server's domain or IP). */
    readonly value: string;
    readonly bytes: number;
    readonly size: number;
    readonly detail: string;
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

/** The graph of an incident: one node per host and per server, one edge per pair that talked. */
export function graphElements(incident: Incident): GraphElements {
  const maxBytes = Math.max(
    1,
    ...incident.hosts.map((h) => h.bytesOut + h.bytesIn),
    ...incident.servers.map((s) => s.bytesOut + s.bytesIn),
  );
  const nodes: GraphNode[] = [];
  for (const h of incident.hosts) {
    const b = h.bytesOut + h.bytesIn;
    nodes.push({
      data: {
        id: `h:${h.ip}`,
        label: canvasLabel(h.ip),
        name: h.ip,
        kind: 'host',
        role: 'host',
        value: h.ip,
        bytes: b,
        size: sizeOf(b, maxBytes),
        detail: `${h.findings} finding(s)`,
      },
    });
  }
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
  const known = new Set(nodes.map((n) => n.data.id));
  const pairs = incidentPairs(incident);
  const maxPair = Math.max(1, ...pairs.map((p) => p.bytes));
  const edges: GraphEdge[] = [];
  for (const p of pairs) {
    const source = `h:${p.host}`;
    const target = `s:${p.server}`;
    if (!known.has(source) || !known.has(target)) continue;
    edges.push({
      data: {
        id: `e:${p.host}\u0000${p.server}`,
        source,
        target,
        bytes: p.bytes,
        width: 1 + 5 * (Math.log10(1 + p.bytes) / Math.log10(1 + maxPair)),
      },
    });
  }
  return { nodes, edges };
}
