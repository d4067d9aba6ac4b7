import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { Incident } from '../../api/types.js';
import { bytes } from '../../ui/format.js';
import { HostLink } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { effectiveTheme } from '../../ui/theme.js';
import { type GraphElements, type GraphNode, graphElements } from './graph-elements.js';
import { expandableGroup, groupHostsAbove } from './graph-groups.js';
import { fitViewport, ringPositions } from './graph-rings.js';

const palette = {
  light: {
    host: '#3b6ea5',
    c2: '#c0392b',
    delivery: '#d68910',
    exfiltration: '#7d3c98',
    text: '#1d2330',
    edge: '#9aa5b1',
  },
  dark: {
    host: '#6fa8dc',
    c2: '#ff6b5b',
    delivery: '#f5b041',
    exfiltration: '#bb8fce',
    text: '#e6e9ef',
    edge: '#5c6773',
  },
};

/** Past this many nodes, layouts and drawing switch to their fast forms. */
const big = 150;
/** In a big graph only this many servers (the heaviest) carry a label; hover shows the rest. */
const labelledServers = 25;

/**
 * Cytoscape adds a <style> element to the page unless one with this id exists; the CSP forbids
 * inline styles, so a placeholder stands in and styles.css carries its one rule.
 */
function preventInlineStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = id;
  document.head.append(placeholder);
}

function styleFor(n: number): StylesheetJson {
  const c = palette[effectiveTheme()];
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        'background-color': c.host,
        label: '',
        color: c.text,
        'font-size': 10,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'min-zoomed-font-size': 8,
      },
    },
    { selector: 'node[kind = "server"]', style: { shape: 'round-rectangle' } },
    { selector: 'node[kind = "group"]', style: { 'border-width': 2, 'border-color': c.text } },
    { selector: 'node[?labelled]', style: { label: 'data(label)' } },
    { selector: 'node[role = "c2"]', style: { 'background-color': c.c2 } },
    { selector: 'node[role = "delivery"]', style: { 'background-color': c.delivery } },
    { selector: 'node[role = "exfiltration"]', style: { 'background-color': c.exfiltration } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': c.text } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': c.edge,
        opacity: 0.7,
        'curve-style': n > big ? 'haystack' : 'bezier',
      },
    },
  ];
}

/**
 * Which nodes carry a label: all of a small graph; in a big one only the heaviest servers, since
 * measuring a thousand labels costs more than drawing the graph.
 */
function withLabels(
  g: GraphElements,
  at: ReadonlyMap<string, { x: number; y: number }>,
): ElementDefinition[] {
  const small = g.nodes.length <= big;
  const heaviest = (kind: GraphNode['data']['kind']) =>
    g.nodes
      .filter((x) => x.data.kind === kind)
      .sort((a, b) => b.data.bytes - a.data.bytes)
      .slice(0, labelledServers)
      .map((x) => x.data.id);
  const heavy = new Set([...heaviest('server'), ...heaviest('group')]);
  return [
    ...g.nodes.map((x) => ({
      data: { ...x.data, labelled: small || heavy.has(x.data.id) },
      position: at.get(x.data.id) ?? { x: 0, y: 0 },
    })),
    ...g.edges.map((x) => ({ data: { ...x.data } })),
  ];
}

/**
 * Puts a group's hosts (and their edges) where the group was, on a small ring around its spot, and
 * takes the group out.
 */
function expand(cy: Core, g: GraphElements, id: string): void {
  const group = cy.getElementById(id);
  const part = g.members.get(id);
  if (!part || group.empty()) return;
  const c = group.position();
  const r = Math.max(30, (part.nodes.length * 26) / (2 * Math.PI));
  cy.batch(() => {
    group.remove();
    cy.add([
      ...part.nodes.map((x, i) => {
        const a = (2 * Math.PI * i) / part.nodes.length;
        return {
          data: { ...x.data, labelled: true },
          position: { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) },
        };
      }),
      ...part.edges.map((x) => ({ data: { ...x.data } })),
    ]);
  });
}

/**
 * Cytoscape's first frame draws every element twice: into its element textures and, synchronously,
 * into the layered textures it reuses while panning (about half a 400-node first frame). Marking
 * that first request as not-first makes it queue the layers for idle frames and draw from the
 * element textures now. An internal of cytoscape 3.x's canvas renderer: if it is missing, nothing
 * changes.
 */
function drawFirstFrameWithoutLayers(cy: Core): void {
  const renderer = (
    cy as unknown as { renderer?: () => { data?: { lyrTxrCache?: { firstGet?: boolean } } } }
  ).renderer?.();
  const layers = renderer?.data?.lyrTxrCache;
  if (layers && typeof layers.firstGet === 'boolean') layers.firstGet = false;
}

/** The hosts a group tooltip names before "and N more". */
const tipHosts = 8;

interface Hover {
  readonly x: number;
  readonly y: number;
  readonly node: GraphNode['data'];
}

/**
 * The incident's hosts and servers on a canvas (Cytoscape draws labels as canvas text, so attacker
 * strings are never HTML). Elements go in one batch, already placed (ringPositions: linear time,
 * deterministic), so a thousand-host incident is interactive at once. Clicking a node opens its page.
 */
export default function HostServerGraph({
  incident,
  onOpen,
  onReady,
}: {
  incident: Incident;
  onOpen: (node: { kind: 'host' | 'server'; value: string }) => void;
  onReady: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [listed, setListed] = useState<GraphNode['data'] | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  // A triage change reloads the incident; rebuild the graph only when its shape changed.
  const shape = `${incident.id}|${incident.hosts.length}|${incident.servers.length}|${incident.lastSeen}`;
  const incidentRef = useRef(incident);
  incidentRef.current = incident;

  // biome-ignore lint/correctness/useExhaustiveDependencies: shape stands for the incident's graph
  useEffect(() => {
    if (!box.current) return;
    const g = graphElements(incidentRef.current);
    const n = g.nodes.length;
    preventInlineStylesheet();
    // One batch: every element goes in with the constructor, placed (big graphs) before any frame.
    const at = ringPositions(g);
    const view = fitViewport(at.values(), 48, box.current.clientWidth, box.current.clientHeight);
    const cy = cytoscape({
      container: box.current,
      elements: withLabels(g, at),
      style: styleFor(n),
      layout: { name: 'preset', fit: false },
      zoom: view.zoom,
      pan: view.pan,
      minZoom: 0.02,
      maxZoom: 4,
      textureOnViewport: n > big,
      hideEdgesOnViewport: n > big,
      pixelRatio: n > big ? 1 : 'auto',
      motionBlur: false,
    });
    cyRef.current = cy;
    if (n > big) drawFirstFrameWithoutLayers(cy);
    // What was drawn, for tests and tools that read the page (the canvas itself is opaque). Host
    // and server counts are the incident's, drawn alone or in groups; drawn-nodes is the canvas.
    const describe = () => {
      const el = box.current;
      if (!el) return;
      el.dataset['hostNodes'] = String(g.hosts);
      el.dataset['serverNodes'] = String(cy.nodes('[kind = "server"]').length);
      el.dataset['drawnNodes'] = String(cy.nodes().length);
      el.dataset['edges'] = String(cy.edges().length);
    };
    cy.one('render', () => {
      describe();
      readyRef.current();
    });
    cy.on('tap', 'node', (e) => {
      const d = e.target.data() as GraphNode['data'];
      if (d.kind !== 'group') openRef.current({ kind: d.kind, value: d.value });
      else if ((d.hosts?.length ?? 0) <= expandableGroup) {
        setHover(null);
        expand(cy, g, d.id);
        describe();
      } else setListed(d);
    });
    cy.on('mouseover', 'node', (e) => {
      const p = e.target.renderedPosition() as { x: number; y: number };
      setHover({ x: p.x, y: p.y, node: e.target.data() as GraphNode['data'] });
    });
    cy.on('mouseout', 'node', () => setHover(null));
    cy.on('viewport', () => setHover(null));
    return () => {
      setListed(null);
      cy.destroy();
      cyRef.current = null;
    };
  }, [shape]);

  return (
    <div className="graph-wrap">
      <div
        ref={box}
        className="graph"
        data-testid="incident-graph"
        data-nodes={incident.hosts.length + incident.servers.length}
        role="img"
        aria-label={`Graph of ${incident.hosts.length} hosts and ${incident.servers.length} servers`}
      />
      {hover && (
        <div
          className="graph-tip"
          style={{ left: hover.x + 12, top: hover.y + 12 }}
          data-testid="graph-tooltip"
        >
          <div>
            <strong>
              {hover.node.kind === 'server'
                ? `server (${hover.node.role})`
                : hover.node.kind === 'group'
                  ? 'host group'
                  : 'host'}
            </strong>{' '}
            <T v={hover.node.name} max={120} />
          </div>
          <div className="muted">
            {bytes(hover.node.bytes)} · <T v={hover.node.detail} max={80} />
          </div>
          {hover.node.hosts && (
            <div className="small">
              <T v={hover.node.hosts.slice(0, tipHosts).join(', ')} max={200} />
              {hover.node.hosts.length > tipHosts && ` and ${hover.node.hosts.length - tipHosts} more`} ·{' '}
              {hover.node.hosts.length <= expandableGroup ? 'click to expand' : 'click to list'}
            </div>
          )}
        </div>
      )}
      {listed?.hosts && (
        <div className="graph-group-list" data-testid="graph-group-list">
          <div>
            <strong>{listed.hosts.length} hosts</strong> <T v={listed.detail} max={80} /> ·{' '}
            {bytes(listed.bytes)}{' '}
            <button type="button" className="ghost" onClick={() => setListed(null)}>
              Close
            </button>
          </div>
          <ul>
            {listed.hosts.map((ip) => (
              <li key={ip}>
                <HostLink ip={ip} max={40} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="legend small" aria-hidden="true">
        <span className="dot host" /> host <span className="dot c2" /> C2 <span className="dot delivery" />{' '}
        delivery <span className="dot exfiltration" /> exfiltration · size = bytes · click to open
        {incident.hosts.length > groupHostsAbove &&
          ' · ringed: a group of hosts that reached the same servers (click to expand or list)'}
      </div>
      <div className="graph-controls">
        <button type="button" className="ghost" onClick={() => cyRef.current?.fit(undefined, 20)}>
          Fit
        </button>
      </div>
    </div>
  );
}
