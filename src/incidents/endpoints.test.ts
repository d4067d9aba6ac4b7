import { describe, expect, it } from 'vitest';
import { finding } from '../../test/incidents/findings-fixture.js';
import { findingAtoms, identitySets, isIpLiteral, primaryAtom } from './endpoints.js';

describe('the server side of a finding', () => {
  it('reads addresses and names from the endpoint and the statistics', () => {
    const f = finding({
      host: '10.1.0.137',
      endpointIp: '23.92.19.186',
      endpointDomain: 'WWW.Skyppe-Live.com.',
      stats: { keyedBy: 'name', ips: ['23.92.19.186', '185.82.217.48'], names: ['www.skyppe-live.com'] },
    });
    expect(findingAtoms(f)).toEqual(['ip:23.92.19.186', 'dns:www.skyppe-live.com', 'ip:185.82.217.48']);
    expect(identitySets(f)).toEqual([findingAtoms(f)]);
    expect(primaryAtom(f)).toBe('ip:23.92.19.186');
  });

  it('treats an address written as a name (an HTTP Host) as an address', () => {
    const f = finding({
      host: '192.168.1.113',
      endpointIp: '82.245.149.235',
      stats: { names: ['82.245.149.235'] },
    });
    expect(findingAtoms(f)).toEqual(['ip:82.245.149.235']);
    expect([isIpLiteral('2001:db8::1'), isIpLiteral('a.b.c'), isIpLiteral('1.2.3')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('keeps the addresses of a port-keyed beacon apart, and a DNS channel name-only', () => {
    const port = finding({ host: 'h', stats: { keyedBy: 'port', ips: ['192.0.2.1', '192.0.2.2'] } });
    expect(identitySets(port)).toEqual([['ip:192.0.2.1'], ['ip:192.0.2.2']]);
    const tunnel = finding({ host: 'h', detector: 'dns-tunnelling', endpointDomain: 'pirate.sea' });
    expect(identitySets(tunnel)).toEqual([['dns:pirate.sea']]);
    expect(primaryAtom(finding({ host: 'h' }))).toBeNull();
  });
});
