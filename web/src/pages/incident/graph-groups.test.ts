import { describe, expect, it } from 'vitest';
import type { Incident } from '../../api/types.js';
import { graphElements } from './graph-elements.js';
import { hostGroups, maxGroups } from './graph-groups.js';
import { ringPositions } from './graph-rings.js';

const t = '2024-05-01T00:00:00Z';
const ip = (i: number) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`;

/** An incident whose host i reaches the servers `reach(i)` (indexes), 100 bytes each. */
function incident(hosts: number, servers: number, reach: (i: number) => number[]): Incident {
  const ss = Array.from({ length: servers }, (_, i) => ({
    key: `s${i}.example`,
    role: 'c2' as const,
    ips: [],
    domains: [`s${i}.example`],
    ports: [443],
    protocols: ['tls'],
    first: t,
    last: t,
    bytesOut: 1000,
    bytesIn: 0,
    mergedBy: [],
    warninglists: [],
  }));
  const hs = Array.from({ length: hosts }, (_, i) => ({
    ip: ip(i),
    firstCompromise: t,
    lastActivity: t,
    findings: 1,
    bytesOut: 100 * reach(i).length,
    bytesIn: 0,
  }));
  const pairs = hs.flatMap((h, i) =>
    reach(i).map((s, k) => ({ host: h.ip, server: `s${s}.example`, bytesOut: 100 + k, bytesIn: 0 })),
  );
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
    findings: [],
    timeline: [],
    pairs,
  };
}

const kinds = (g: ReturnType<typeof graphElements>, kind: string) =>
  g.nodes.filter((n) => n.data.kind === kind);

describe('incident graph host groups', () => {
  it('15.6: a graph of 150 hosts or fewer is drawn host by host, unchanged', () => {
    const g = graphElements(incident(150, 10, (i) => [i % 10]));
    expect(kinds(g, 'host')).toHaveLength(150);
    expect(kinds(g, 'group')).toHaveLength(0);
    expect(g.edges).toHaveLength(150);
    expect(g.hosts).toBe(150);
    expect(g.members.size).toBe(0);
    expect(hostGroups([{ ip: '10.0.0.1', bytes: 1 }], [])).toBeNull();
  });

  it('15.6: past 150 hosts, hosts that reach exactly the same servers become one group node', () => {
    // Hosts reach {i%5}, and every third also {(i+1)%5}: 10 server sets in all, plus one lone host.
    const g = graphElements(
      incident(301, 5, (i) => (i === 300 ? [] : i % 3 ? [i % 5] : [i % 5, (i + 1) % 5])),
    );
    const groups = kinds(g, 'group');
    expect(groups).toHaveLength(10);
    expect(kinds(g, 'host').map((n) => n.data.id)).toEqual([`h:${ip(300)}`]);
    expect(kinds(g, 'server')).toHaveLength(5);
    expect(g.hosts).toBe(301);
    // Every host in exactly one group, and each group's label and tooltip list agree.
    const all = groups.flatMap((n) => n.data.hosts ?? []);
    expect(new Set(all).size).toBe(300);
    for (const n of groups) expect(n.data.label).toBe(`${n.data.hosts?.length} hosts`);
    // One edge per (group, server), bytes summed over the group's hosts.
    const one = groups.find((n) => n.data.hosts?.includes(ip(1)))!;
    const edges = g.edges.filter((e) => e.data.source === one.data.id);
    expect(edges.map((e) => e.data.target)).toEqual(['s:s1.example']);
    expect(edges[0]!.data.bytes).toBe(100 * one.data.hosts!.length);
    const two = groups.find((n) => n.data.hosts?.includes(ip(0)))!;
    expect(g.edges.filter((e) => e.data.source === two.data.id)).toHaveLength(2);
    // No grouped host is also drawn alone.
    expect(g.edges.every((e) => !e.data.source.startsWith('h:') || e.data.source === `h:${ip(300)}`)).toBe(
      true,
    );
    // Expanding a group gives back its hosts and their own edges.
    const part = g.members.get(two.data.id)!;
    expect(part.nodes.map((n) => n.data.name).sort()).toEqual([...two.data.hosts!].sort());
    expect(part.edges).toHaveLength(2 * two.data.hosts!.length);
    expect(part.edges.every((e) => e.data.source.startsWith('h:'))).toBe(true);
  });

  it('15.6: more than 200 groups merge by the server each host sends the most to', () => {
    // 1,000 hosts × 200 servers as the benchmark: {i%200}, every third also {(i+7)%200}: ~400 sets.
    const reach = (i: number) => (i % 3 ? [i % 200] : [i % 200, (i + 7) % 200]);
    const hosts = Array.from({ length: 1000 }, (_, i) => ({ ip: ip(i), bytes: 1 }));
    const pairs = hosts.flatMap((h, i) =>
      reach(i).map((s, k) => ({ host: h.ip, server: `s${s}`, bytes: k === 0 ? 10 : 5 })),
    );
    const groups = hostGroups(hosts, pairs)!;
    expect(groups.length).toBeLessThanOrEqual(maxGroups);
    expect(groups.reduce((n, g) => n + g.hosts.length, 0)).toBe(1000);
    // Host 0 sends most to s0 and also reached s7: its group holds every host whose main server is s0.
    const g0 = groups.find((g) => g.hosts.includes(ip(0)))!;
    expect(g0.hosts).toContain(ip(200));
    expect(g0.servers).toEqual(['s0', 's7']);

    const g = graphElements(incident(1000, 200, reach));
    const drawn = g.nodes.length;
    expect(drawn).toBeLessThanOrEqual(400);
    expect(g.hosts).toBe(1000);
    expect(ringPositions(g).size).toBe(drawn);
  });
});
