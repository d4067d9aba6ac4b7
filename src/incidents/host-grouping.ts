import type { CorrelateConfig } from './correlate-config.js';
import { UnionFind } from './union-find.js';

/** A weighted link between two nodes (a host and a server cluster, or two hosts), active from first to last. */
export interface GraphEdge {
  readonly u: string;
  readonly v: string;
  /** 0–1: the best finding score on the pair, or the weight of a lateral link. */
  readonly weight: number;
  /** Epoch seconds. */
  readonly first: number;
  readonly last: number;
}

interface GroupState {
  edges: number;
  first: number;
  last: number;
}

/**
 * Groups the graph's nodes into incidents, strongest links first. A link that would join two groups
 * already holding links of their own is a bridge: it is taken only when it scores at least
 * `bridgeScore` and its activity overlaps both groups' activity (within `overlapSlackSeconds`). So a
 * weak finding, or one from another time, does not chain two intrusions; a new host reaching a
 * known server, or a known host reaching a new server, always joins. Returns each node's group.
 */
export function groupNodes(edges: readonly GraphEdge[], cfg: CorrelateConfig): (node: string) => string {
  const uf = new UnionFind();
  const state = new Map<string, GroupState>();
  const stateOf = (root: string): GroupState =>
    state.get(root) ?? { edges: 0, first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY };
  const overlaps = (e: GraphEdge, g: GroupState) =>
    e.first <= g.last + cfg.overlapSlackSeconds && e.last >= g.first - cfg.overlapSlackSeconds;

  const ordered = [...edges].sort(
    (a, b) => b.weight - a.weight || a.first - b.first || a.u.localeCompare(b.u) || a.v.localeCompare(b.v),
  );
  for (const e of ordered) {
    const ra = uf.find(e.u);
    const rb = uf.find(e.v);
    const ga = stateOf(ra);
    const gb = stateOf(rb);
    if (ra !== rb && ga.edges > 0 && gb.edges > 0) {
      const bridge = e.weight >= cfg.bridgeScore && overlaps(e, ga) && overlaps(e, gb);
      if (!bridge) continue;
    }
    const root = uf.union(ra, rb);
    const merged =
      ra === rb
        ? ga
        : {
            edges: ga.edges + gb.edges,
            first: Math.min(ga.first, gb.first),
            last: Math.max(ga.last, gb.last),
          };
    state.set(root, {
      edges: merged.edges + 1,
      first: Math.min(merged.first, e.first),
      last: Math.max(merged.last, e.last),
    });
  }
  return (node) => uf.find(node);
}
