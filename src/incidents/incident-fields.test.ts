import { describe, expect, it } from 'vitest';
import { finding } from '../../test/incidents/findings-fixture.js';
import { correlate } from './correlate.js';

const beacon = finding({
  host: '10.1.0.42',
  endpointIp: '5.252.179.166',
  endpointDomain: 'sync.example-update.org',
  score: 0.74,
  first: '2016-06-01T08:20:00.000Z',
  last: '2016-06-02T23:59:00.000Z',
  stats: { keyedBy: 'ip', ports: ['443'], ips: ['5.252.179.166'], names: ['sync.example-update.org'] },
});
const exfil = finding({
  host: '10.1.0.42',
  detector: 'exfiltration',
  techniques: ['T1041'],
  endpointIp: '5.252.179.166',
  score: 0.62,
  first: '2016-06-02T01:00:00.000Z',
  bytesOut: 200e6,
  bytesIn: 1e6,
});
const second = finding({
  host: '10.1.0.161',
  endpointDomain: 'sync.example-update.org',
  score: 0.7,
  first: '2016-06-01T15:03:00.000Z',
  last: '2016-06-02T23:00:00.000Z',
  links: [{ id: 'malware--x', type: 'malware', name: 'RedLeaves' }],
});
const pair = (host: string, bytesOut: number, bytesIn: number) => ({
  host,
  ip: '5.252.179.166',
  connections: 900,
  bytesOut,
  bytesIn,
  first: '2016-06-01T08:19:00.000Z',
  last: '2016-06-02T23:59:30.000Z',
  ports: [443],
  protocols: ['tls'],
});

describe('an incident', () => {
  const facts = {
    resolutions: [{ name: 'sync.example-update.org', ip: '5.252.179.166' }],
    pairs: [pair('10.1.0.42', 205e6, 10e6), pair('10.1.0.161', 4e6, 6e6)],
  };
  const [inc] = correlate([exfil, second, beacon], facts);

  it('fills every field', () => {
    expect(inc).toBeDefined();
    if (!inc) return;
    expect(inc.id).toMatch(/^INC-[0-9a-f]{8}$/);
    expect(inc.hosts).toEqual([
      {
        ip: '10.1.0.42',
        firstCompromise: beacon.first,
        lastActivity: beacon.last,
        findings: 2,
        bytesOut: 205e6,
        bytesIn: 10e6,
      },
      {
        ip: '10.1.0.161',
        firstCompromise: second.first,
        lastActivity: second.last,
        findings: 1,
        bytesOut: 4e6,
        bytesIn: 6e6,
      },
    ]);
    expect(inc.servers).toEqual([
      {
        key: 'sync.example-update.org',
        role: 'c2',
        ips: ['5.252.179.166'],
        domains: ['sync.example-update.org'],
        ports: [443],
        protocols: ['tls'],
        first: '2016-06-01T08:19:00.000Z',
        last: '2016-06-02T23:59:30.000Z',
        bytesOut: 209e6,
        bytesIn: 16e6,
        mergedBy: [expect.stringMatching(/^beaconing: sync\.example-update\.org at 5\.252\.179\.166/)],
        warninglists: [],
      },
    ]);
    expect([inc.firstSeen, inc.lastSeen]).toEqual([beacon.first, beacon.last]);
    expect([inc.bytesOut, inc.bytesIn]).toEqual([209e6, 16e6]);
    expect(inc.techniques).toEqual(['T1041', 'T1071']);
    // 0.74 raised for a second kind of evidence (volume next to timing).
    expect(inc.score).toBeCloseTo(0.792, 3);
    expect(inc.severity).toBe('high');
    expect(inc.links.map((l) => l.name)).toEqual(['RedLeaves']);
    expect(inc.findings.map((f) => f.score)).toEqual([0.74, 0.7, 0.62]);
    expect(inc.summary).toBe(
      '2 internal hosts exchanged 225 MB (209 MB outbound) with 1 external server between 2016-06-01 and 2016-06-02.',
    );
  });

  it('has a timeline: first contacts and findings, in order', () => {
    expect(inc?.timeline.map((e) => `${e.ts} ${e.detector} ${e.host}`)).toEqual([
      `${beacon.first} first-contact 10.1.0.42`,
      `${beacon.first} beaconing 10.1.0.42`,
      `${second.first} first-contact 10.1.0.161`,
      `${second.first} beaconing 10.1.0.161`,
      `${exfil.first} exfiltration 10.1.0.42`,
    ]);
    expect(inc?.timeline[0]?.text).toBe('10.1.0.42 first contacted sync.example-update.org (beaconing).');
    const capped = correlate([exfil, second, beacon], facts, { timelineCap: 3 })[0]?.timeline;
    expect(capped?.map((e) => e.detector)).toEqual(['first-contact', 'beaconing', 'first-contact']);
  });

  it('keeps its id whatever the order of the findings', () => {
    const again = correlate([beacon, second, exfil], facts)[0];
    expect(again?.id).toBe(inc?.id);
    expect(again).toEqual(inc);
    const other = correlate([beacon], facts)[0];
    expect(other?.id).not.toBe(inc?.id);
  });

  it("leaves out the proxy's port of a server known only by name through a proxy", () => {
    const proxied = finding({
      host: '10.1.0.156',
      detector: 'tls-http-oddities',
      endpointDomain: 'news.dropobx-cdn.jp',
      score: 0.6,
      stats: { ports: ['3128'] },
    });
    const [one] = correlate([proxied]);
    expect(one?.servers[0]?.ports).toEqual([]);
  });
});

describe('server roles', () => {
  it('14.2: a server whose only findings are outbound volume is an exfiltration server; one with a schedule too is c2', () => {
    const facts = { resolutions: [], pairs: [pair('10.1.0.42', 205e6, 10e6)] };
    const alone = { ...exfil, score: 0.8 };
    const [onlyExfil] = correlate([alone], facts);
    expect(onlyExfil?.servers.map((s) => s.role)).toEqual(['exfiltration']);
    const withBeacon = finding({
      ...beacon,
      endpointDomain: undefined,
      stats: { keyedBy: 'ip', ips: ['5.252.179.166'] },
    });
    const [both] = correlate([alone, withBeacon], facts);
    expect(both?.servers.map((s) => s.role)).toEqual(['c2']);
  });
});
