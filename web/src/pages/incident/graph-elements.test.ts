import { describe, expect, it } from 'vitest';
import type { Incident } from '../../api/types.js';
import { graphElements } from './graph-elements.js';
import { fitViewport, ringPositions } from './graph-rings.js';
import { c2Pairs, incidentPairs } from './incident-pairs.js';

const t = '2024-05-01T00:00:00Z';

function server(key: string, role: 'c2' | 'delivery' | 'exfiltration', bytesOut: number) {
  return {
    key,
    role,
    ips: [`203.0.113.${key.length}`],
    domains: [key],
    ports: [443],
    protocols: ['tls'],
    first: t,
    last: t,
    bytesOut,
    bytesIn: 0,
    mergedBy: [],
    warninglists: [],
  };
}

/** An incident of `hosts` hosts, each talking to server `i % servers`. */
function incident(hosts: number, servers: number, withPairs = true): Incident {
  const ss = Array.from({ length: servers }, (_, i) =>
    server(
      i === 0 ? `\u202Eevil-${'x'.repeat(100)}` : `s${i}.example`,
      i % 2 ? 'delivery' : 'c2',
      1000 * (i + 1),
    ),
  );
  const hs = Array.from({ length: hosts }, (_, i) => ({
    ip: `10.0.${i >> 8}.${i & 255}`,
    firstCompromise: t,
    lastActivity: t,
    findings: 1,
    bytesOut: 10 * (i + 1),
    bytesIn: 0,
  }));
  const pairs = hs.map((h, i) => ({
    host: h.ip,
    server: ss[i % servers]!.key,
    bytesOut: h.bytesOut,
    bytesIn: 0,
  }));
  const findings = pairs.map((p) => ({
    detector: 'beaconing',
    techniques: [],
    host: p.host,
    endpointIp: null,
    endpointDomain: p.server,
    first: t,
    last: t,
    connections: 1,
    bytesOut: p.bytesOut,
    bytesIn: 0,
    score: 0.8,
    severity: 'high' as const,
    stats: {},
    explanation: '',
    links: [],
  }));
  return {
    id: 'INC-1',
    summary: '',
    hosts: hs,
    servers: ss,
    firstSeen: t,
    lastSeen: t,
    bytesOut: 0,
    bytesIn: 0,
    techniques: [],
    score: 0.9,
    severity: 'high',
    links: [],
    findings,
    timeline: [],
    ...(withPairs ? { pairs } : {}),
  };
}

describe('incident graph', () => {
  it('15.6: one node per host and server, one edge per pair, canvas labels cut and controls visible', () => {
    const g = graphElements(incident(7, 3));
    expect(g.nodes).toHaveLength(10);
    expect(g.edges).toHaveLength(7);
    const evil = g.nodes.find((n) => n.data.kind === 'server' && n.data.name.startsWith('\u202E'))!;
    expect(evil.data.label.startsWith('\\u202E')).toBe(true);
    expect(Array.from(evil.data.label).length).toBeLessThanOrEqual(32);
    expect(evil.data.value).toBe(evil.data.name);
    for (const n of g.nodes) expect(n.data.size).toBeGreaterThanOrEqual(14);
  });

  it('15.6: incidents stored before pairs get their edges from the findings', () => {
    const old = incident(5, 2, false);
    expect(incidentPairs(old)).toHaveLength(5);
    expect(graphElements(old).edges).toHaveLength(5);
  });

  it('15.6: a 1,000-host × 200-server graph is placed in linear time, every node once, hosts outside the servers', () => {
    const g = graphElements(incident(1000, 200), Number.POSITIVE_INFINITY);
    const started = performance.now();
    const at = ringPositions(g);
    expect(performance.now() - started).toBeLessThan(200);
    expect(at.size).toBe(1200);
    const radius = (id: string) => Math.hypot(at.get(id)!.x, at.get(id)!.y);
    const serverMax = Math.max(
      ...g.nodes.filter((n) => n.data.kind === 'server').map((n) => radius(n.data.id)),
    );
    const hostMin = Math.min(...g.nodes.filter((n) => n.data.kind === 'host').map((n) => radius(n.data.id)));
    expect(hostMin).toBeGreaterThan(serverMax);
    const spots = new Set([...at.values()].map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`));
    expect(spots.size).toBe(1200);
  });

  it('15.6: the charted pairs are the C2 ones, heaviest first', () => {
    const pairs = c2Pairs(incident(6, 2));
    expect(pairs.map((p) => p.host)).toEqual(['10.0.0.4', '10.0.0.2', '10.0.0.0']);
  });

  it('15.6: the first viewport fits every node into the box without measuring labels', () => {
    const at = [
      { x: -100, y: -50 },
      { x: 300, y: 150 },
    ];
    const v = fitViewport(at, 20, 840, 460, 20);
    const screen = (p: { x: number; y: number }) => ({
      x: p.x * v.zoom + v.pan.x,
      y: p.y * v.zoom + v.pan.y,
    });
    for (const p of at) {
      const s = screen(p);
      expect(s.x).toBeGreaterThanOrEqual(20);
      expect(s.x).toBeLessThanOrEqual(820);
      expect(s.y).toBeGreaterThanOrEqual(20);
      expect(s.y).toBeLessThanOrEqual(440);
    }
    expect(fitViewport([], 20, 800, 400).zoom).toBe(1);
  });
});
