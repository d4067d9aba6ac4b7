import { describe, expect, it } from 'vitest';
import { internalHint, suggestInternal } from './internal-hint.js';
import type { NetworkEvidence, TrafficMix } from './network-scope/network-scope-query.js';

const mix = (ii: number, ie: number): TrafficMix => ({
  connections: ii + ie,
  internalToInternal: ii,
  internalToExternal: ie,
  externalToInternal: 0,
  externalToExternal: 0,
  internalPairs: [{ from: '172.16.1.0/24', to: '10.0.2.0/24', connections: ii }],
});
const block = (network: string, e: Partial<NetworkEvidence>): NetworkEvidence => ({
  network,
  dhcpClients: 0,
  dnsClients: 0,
  initiators: 1,
  respondersOnly: 0,
  connectionsInitiated: 10,
  ...e,
});

describe('internal hint', () => {
  it('speaks up when nothing was found and a fifth of the traffic is internal to internal', () => {
    const h = internalHint(mix(30, 70), [block('10.0.2.0/24', { dhcpClients: 3 })], { findings: 0 });
    expect(h?.internalShare).toBeCloseTo(0.3);
    expect(h?.suggested).toEqual(['10.0.2.0/24']);
    expect(h?.message).toContain('--internal 10.0.2.0/24');
    expect(h?.message).toContain('172.16.1.0/24 → 10.0.2.0/24');
  });

  it('stays quiet with findings unless the traffic is almost all internal', () => {
    expect(internalHint(mix(60, 40), [], { findings: 3 })).toBeNull();
    expect(internalHint(mix(90, 10), [], { findings: 3 })).not.toBeNull();
    expect(internalHint(mix(10, 90), [], { findings: 0 })).toBeNull();
  });

  it('says nothing about a handful of connections', () => {
    expect(internalHint(mix(5, 0), [], { findings: 0 })).toBeNull();
  });

  it('names the networks the user gave', () => {
    const h = internalHint(mix(99, 1), [], { findings: 0, internal: ['10.0.0.0/8'] });
    expect(h?.message).toContain('the internal networks given (10.0.0.0/8)');
  });

  it('suggests only blocks holding DHCP or DNS clients, never a lone originator', () => {
    expect(suggestInternal([block('172.16.1.0/24', { initiators: 1, connectionsInitiated: 4504 })])).toEqual(
      [],
    );
    expect(
      suggestInternal([
        block('192.168.1.0/24', { dnsClients: 4 }),
        block('203.0.113.0/24', {}),
        block('fd00:1::/64', { dhcpClients: 1 }),
      ]),
    ).toEqual(['192.168.1.0/24', 'fd00:1::/64']);
  });
});
