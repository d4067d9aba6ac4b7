import { describe, expect, it } from 'vitest';
import { finding } from '../../test/incidents/findings-fixture.js';
import { correlate } from './correlate.js';

const day = (d: number, h = 0) => new Date(Date.UTC(2016, 5, d, h)).toISOString();

// Two intrusions at the same time: 10.0.0.1 beacons to A, 10.0.0.2 to B.
const x = finding({ host: '10.0.0.1', endpointIp: '203.0.113.1', score: 0.9, first: day(1), last: day(3) });
const y = finding({ host: '10.0.0.2', endpointIp: '198.51.100.2', score: 0.9, first: day(1), last: day(3) });
const hostsOf = (f: Parameters<typeof correlate>[0]) =>
  correlate(f).map((i) => i.hosts.map((h) => h.ip).join(','));

describe('grouping hosts into incidents', () => {
  it('does not let one weak finding chain two intrusions', () => {
    const weak = finding({
      host: '10.0.0.1',
      endpointIp: '198.51.100.2',
      score: 0.55,
      first: day(2),
      last: day(2, 6),
    });
    expect(hostsOf([x, y, weak]).sort()).toEqual(['10.0.0.1', '10.0.0.2']);
    // The weak finding stays with its host's incident, naming the server it reached.
    const mine = correlate([x, y, weak]).find((i) => i.hosts[0]?.ip === '10.0.0.1');
    expect(mine?.findings).toHaveLength(2);
  });

  it('does not chain through a strong finding from another time', () => {
    const later = finding({
      host: '10.0.0.1',
      endpointIp: '198.51.100.2',
      score: 0.8,
      first: day(20),
      last: day(21),
    });
    const y2 = { ...y, first: day(19), last: day(22) };
    expect(correlate([x, y2, later])).toHaveLength(2);
  });

  it('chains through a strong finding at the same time', () => {
    const strong = finding({
      host: '10.0.0.1',
      endpointIp: '198.51.100.2',
      score: 0.8,
      first: day(2),
      last: day(3),
    });
    expect(hostsOf([x, y, strong])).toEqual(['10.0.0.1,10.0.0.2']);
  });

  it('lets a new host join a known server whatever its score (at or above the minimum)', () => {
    const newcomer = finding({ host: '10.0.0.3', endpointIp: '203.0.113.1', score: 0.5, first: day(10) });
    expect(hostsOf([x, newcomer])).toEqual(['10.0.0.1,10.0.0.3']);
  });

  it('attaches findings under the minimum score only to a host and server already tied', () => {
    const sameScoreless = finding({
      host: '10.0.0.1',
      endpointIp: '203.0.113.1',
      score: 0.3,
      detector: 'rare-destinations',
    });
    const otherServer = finding({ host: '10.0.0.1', endpointIp: '192.0.2.50', score: 0.3 });
    const otherHost = finding({ host: '10.0.0.9', endpointIp: '203.0.113.1', score: 0.3 });
    const incidents = correlate([x, sameScoreless, otherServer, otherHost]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.findings.map((f) => f.detector).sort()).toEqual(['beaconing', 'rare-destinations']);
    expect(incidents[0]?.servers.map((s) => s.key)).toEqual(['203.0.113.1']);
    expect(correlate([sameScoreless, otherHost])).toEqual([]);
  });

  it("does not make a web proxy relaying the victims' traffic a victim", () => {
    const relayed = finding({
      host: '10.0.0.30',
      endpointIp: '203.0.113.1',
      score: 0.5,
      stats: { proxy: '10.0.0.30' },
    });
    expect(hostsOf([x, relayed])).toEqual(['10.0.0.1']);
  });

  it('links hosts through lateral movement just before the second host turns bad', () => {
    const b = finding({ host: '10.0.0.2', endpointIp: '198.51.100.2', first: '2016-06-01T10:25:00.000Z' });
    const a = finding({ host: '10.0.0.1', endpointIp: '203.0.113.1', first: '2016-06-01T08:00:00.000Z' });
    const contact = {
      from: '10.0.0.1',
      to: '10.0.0.2',
      ports: [445],
      ts: '2016-06-01T10:21:00.000Z',
      connections: 1,
      bytesOut: 1_000_000,
      sources: 1,
    };
    const [inc, ...rest] = correlate([a, b], { adminContacts: [contact] });
    expect(rest).toHaveLength(0);
    expect(inc?.hosts.map((h) => h.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(inc?.timeline.some((e) => e.detector === 'lateral-movement' && /4 min before/.test(e.text))).toBe(
      true,
    );
    // A file server every host uses, or a probe that sent nothing, links nobody.
    expect(correlate([a, b], { adminContacts: [{ ...contact, sources: 40 }] })).toHaveLength(2);
    expect(correlate([a, b], { adminContacts: [{ ...contact, bytesOut: 0 }] })).toHaveLength(2);
  });

  it('ranks incidents by severity, then score, then size', () => {
    const lone = finding({ host: '10.0.0.7', endpointIp: '192.0.2.7', score: 0.6 });
    const ranked = correlate([lone, x, y]);
    expect(ranked[0]?.severity).toBe('critical');
    expect(ranked.at(-1)?.hosts[0]?.ip).toBe('10.0.0.7');
  });
});
