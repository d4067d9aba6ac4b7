import { describe, expect, it } from 'vitest';
import type { Finding } from '../../domain/finding.js';
import { endpointMatches, scoreAgainstTruth } from './ground-truth.js';

const f = (
  host: string,
  ip: string | null,
  domain: string | null,
  score: number,
  ips: string[] = [],
): Finding => ({
  detector: 'beaconing',
  techniques: [],
  host,
  endpointIp: ip,
  endpointDomain: domain,
  first: '',
  last: '',
  connections: 1,
  bytesOut: 0,
  bytesIn: 0,
  score,
  severity: 'low',
  stats: { ips },
  explanation: '',
  links: [],
});

describe('scoring findings against ground truth', () => {
  it('matches addresses, CIDRs, domains with their subdomains, and grouped addresses', () => {
    expect(endpointMatches(f('h', '55.15.15.7', null, 1), ['55.15.15.0/24'])).toBe(true);
    expect(endpointMatches(f('h', '55.15.16.7', null, 1), ['55.15.15.0/24'])).toBe(false);
    expect(endpointMatches(f('h', null, 'a.evil.example', 1), ['evil.example'])).toBe(true);
    expect(endpointMatches(f('h', null, 'notevil.example', 1), ['evil.example'])).toBe(false);
    expect(endpointMatches(f('h', '1.1.1.1', null, 1, ['9.9.9.9']), ['9.9.9.9'])).toBe(true);
  });

  it('ranks, recalls and counts false findings; other findings on infected hosts are neither', () => {
    const truth = [{ host: '10.0.0.1', servers: ['203.0.113.5'] }];
    const ranked = [
      f('10.0.0.9', '198.51.100.1', null, 0.8),
      f('10.0.0.1', '203.0.113.5', null, 0.7),
      f('10.0.0.1', '198.51.100.2', null, 0.6),
      f('10.0.0.8', '198.51.100.3', null, 0.4),
    ];
    const s = scoreAgainstTruth(ranked, truth);
    expect(s.ranks).toEqual([2]);
    expect(s.topHit).toBe(1);
    expect(s.infectedHostRecall).toBe(1);
    expect(s.serverRecall).toBe(1);
    expect(s.precision).toBe(0.5);
    expect(s.falseFindings).toBe(1);
    expect(s.falseHighFindings).toBe(1);
    expect(s.reported).toBe(3);
  });
});
