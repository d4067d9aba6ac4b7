import { describe, expect, it } from 'vitest';
import type { DetectorName, Finding } from '../domain/finding.js';
import { applyCorroboration, downWeightProxies, sameRelation } from './corroboration.js';

const f = (
  detector: DetectorName,
  host: string,
  ip: string | null,
  domain: string | null,
  score: number,
): Finding => ({
  detector,
  techniques: [],
  host,
  endpointIp: ip,
  endpointDomain: domain,
  first: '',
  last: '',
  connections: 1,
  bytesOut: null,
  bytesIn: null,
  score,
  severity: 'high',
  stats: {},
  explanation: 'x.',
  links: [],
});

describe('corroboration', () => {
  it('relates findings on the same host by address or by name and parent name', () => {
    expect(
      sameRelation(f('beaconing', 'h', '1.2.3.4', null, 1), f('dga', 'h', '1.2.3.4', 'x.example', 1)),
    ).toBe(true);
    expect(
      sameRelation(
        f('beaconing', 'h', null, 'update.evil.example', 1),
        f('dga', 'h', null, 'evil.example', 1),
      ),
    ).toBe(true);
    expect(
      sameRelation(f('beaconing', 'h', null, 'evil.example', 1), f('dga', 'h2', null, 'evil.example', 1)),
    ).toBe(false);
    expect(
      sameRelation(f('beaconing', 'h', null, 'notevil.example', 1), f('dga', 'h', null, 'evil.example', 1)),
    ).toBe(false);
  });

  it('holds a lone look-alike-prone finding under high, and keeps corroborated and specific ones', () => {
    const out = applyCorroboration([
      f('beaconing', 'h1', '1.1.1.1', 'timer.vendor.example', 1),
      f('beaconing', 'h2', '2.2.2.2', 'c2.evil.example', 0.95),
      f('rare-destinations', 'h2', '2.2.2.2', 'evil.example', 0.6),
      f('dns-tunnelling', 'h3', null, 'tunnel.example', 1),
      // The same timestamps twice (a schedule and long sessions) are one kind of evidence.
      f('beaconing', 'h4', '4.4.4.4', null, 1),
      f('long-connections', 'h4', '4.4.4.4', null, 0.75),
      // A low finding does not corroborate.
      f('beaconing', 'h5', '5.5.5.5', null, 1),
      f('rare-destinations', 'h5', '5.5.5.5', null, 0.45),
    ]);
    expect(out[4]?.score).toBe(0.74);
    expect(out[6]?.score).toBe(0.74);
    expect(out[0]?.score).toBe(0.74);
    expect(out[0]?.severity).toBe('medium');
    expect(out[0]?.explanation).toMatch(/no other kind of evidence/);
    expect(out[1]?.score).toBe(0.95);
    expect(out[1]?.stats['corroboratedBy']).toEqual(['rare-destinations']);
    expect(out[3]?.score).toBe(1);
  });

  it("halves a proxy's own look-alike-prone findings, and leaves intel findings and other hosts alone", () => {
    const out = downWeightProxies(
      [
        f('beaconing', '10.0.0.30', '1.1.1.1', 'timer.example', 0.8),
        f('threat-intel', '10.0.0.30', '6.6.6.6', null, 0.9),
        f('beaconing', '10.1.0.5', '1.1.1.1', 'timer.example', 0.8),
      ],
      new Set(['10.0.0.30']),
    );
    expect(out.map((x) => x.score)).toEqual([0.4, 0.9, 0.8]);
    expect(out[0]?.explanation).toMatch(/is a web proxy/);
  });
});
