import type { GraphElements } from './graph-elements.js';

/** Room for one node along a ring, in model units. */
const spacing = 26;

/** `count` points on a circle of `radius`, starting at the top, from `start` to `start + span`. */
function ring(count: number, radius: number, start = -Math.PI / 2, span = 2 * Math.PI) {
  return Array.from({ length: count }, (_, i) => {
    const a = start + (span * i) / Math.max(1, count);
    return { x: radius * Math.cos(a), y: radius * Math.sin(a) };
  });
}

/**
 * Positions for a big graph in linear time, without measuring labels: servers on an inner circle,
 * hosts on rings around it, each host at the angle of the server it sends the most to, so the
 * clusters read at a glance. A physics layout of a thousand nodes takes seconds; this takes ms.
 */
export function ringPositions(g: GraphElements): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const servers = g.nodes.filter((n) => n.data.kind === 'server').sort((a, b) => b.data.bytes - a.data.bytes);
  const hosts = g.nodes.filter((n) => n.data.kind !== 'server');
  const innerRadius = Math.max(130, (servers.length * spacing * 1.6) / (2 * Math.PI));
  const angleOf = new Map<string, number>();
  ring(servers.length, innerRadius).forEach((p, i) => {
    const id = servers[i]!.data.id;
    out.set(id, p);
    angleOf.set(id, Math.atan2(p.y, p.x));
  });
  // Each host's main server: the edge with the most bytes.
  const main = new Map<string, { server: string; bytes: number }>();
  for (const e of g.edges) {
    const prev = main.get(e.data.source);
    if (!prev || e.data.bytes > prev.bytes)
      main.set(e.data.source, { server: e.data.target, bytes: e.data.bytes });
  }
  const angle = (id: string) => {
    const a = angleOf.get(main.get(id)?.server ?? '');
    // Hosts with no edge go last; angles run from -π, shift so the top (−π/2) sorts first.
    return a === undefined ? 10 : (a + 2.5 * Math.PI) % (2 * Math.PI);
  };
  const ordered = [...hosts].sort((a, b) => angle(a.data.id) - angle(b.data.id));
  // Hosts keep their order around the circle and alternate between as many rings as it takes to
  // give each its room, so every host sits just outside its server.
  const base = innerRadius + 160;
  const step = spacing * 1.2;
  let rings = 1;
  while ((2 * Math.PI * (base + (rings - 1) * step) * rings) / spacing < ordered.length) rings += 1;
  ordered.forEach((node, j) => {
    const a = -Math.PI / 2 + (2 * Math.PI * j) / ordered.length;
    const r = base + (j % rings) * step;
    out.set(node.data.id, { x: r * Math.cos(a), y: r * Math.sin(a) });
  });
  return out;
}

/**
 * The zoom and pan that fit `positions` (nodes up to `maxSize` wide) into a `width` × `height`
 * box: Cytoscape's own fit measures every label, which costs more than drawing a big graph.
 */
export function fitViewport(
  positions: Iterable<{ x: number; y: number }>,
  maxSize: number,
  width: number,
  height: number,
  padding = 20,
): { zoom: number; pan: { x: number; y: number } } {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  for (const p of positions) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  if (!Number.isFinite(x1)) return { zoom: 1, pan: { x: width / 2, y: height / 2 } };
  const w = x2 - x1 + maxSize;
  const h = y2 - y1 + maxSize;
  const zoom = Math.min(2, Math.max(0.02, Math.min((width - 2 * padding) / w, (height - 2 * padding) / h)));
  return { zoom, pan: { x: width / 2 - zoom * ((x1 + x2) / 2), y: height / 2 - zoom * ((y1 + y2) / 2) } };
}
