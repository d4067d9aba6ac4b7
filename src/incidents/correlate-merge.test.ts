import { describe, expect, it } from 'vitest';
import { address, finding } from '../../test/incidents/findings-fixture.js';
import { correlate } from './correlate.js';

const apt10 = { id: 'entity--apt10', type: 'intrusion-set', name: 'APT10' };

describe('merging endpoints into infrastructure', () => {
  it('merges addresses behind one C2 domain into one server', () => {
    const findings = [
      finding({ host: '10.0.0.1', endpointIp: '203.0.113.1' }),
      finding({ host: '10.0.0.2', endpointIp: '203.0.113.2' }),
    ];
    const resolutions = [
      { name: 'c2.example', ip: '203.0.113.1' },
      { name: 'c2.example', ip: '203.0.113.2' },
    ];
    const [inc, ...rest] = correlate(findings, { resolutions });
    expect(rest).toHaveLength(0);
    expect(inc?.hosts.map((h) => h.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(inc?.servers).toHaveLength(1);
    expect(inc?.servers[0]).toMatchObject({ key: 'c2.example', ips: ['203.0.113.1', '203.0.113.2'] });
    expect(inc?.servers[0]?.mergedBy.join(' ')).toMatch(/DNS: c2\.example resolved to 203\.0\.113\.1/);
  });

  it('merges two domains resolving to one dedicated address, but not through shared hosting', () => {
    const findings = [
      finding({ host: '10.0.0.1', endpointDomain: 'a.example' }),
      finding({ host: '10.0.0.2', endpointDomain: 'b.example' }),
    ];
    const resolutions = [
      { name: 'a.example', ip: '203.0.113.9' },
      { name: 'b.example', ip: '203.0.113.9' },
    ];
    expect(correlate(findings, { resolutions })).toHaveLength(1);
    const hosting = { addresses: [address('203.0.113.9', { names: 40 })] };
    expect(correlate(findings, { resolutions, ...hosting })).toHaveLength(2);
  });

  it('links servers presenting one certificate, unless most of its servers are unflagged', () => {
    const findings = [
      finding({ host: '10.0.0.1', endpointIp: '203.0.113.1' }),
      finding({ host: '10.0.0.2', endpointIp: '198.51.100.7' }),
    ];
    const cert = (servers: number) => [{ fingerprint: 'ab'.repeat(32), servers }];
    const facts = (servers: number) => ({
      addresses: [
        { ...address('203.0.113.1'), certificates: cert(servers) },
        { ...address('198.51.100.7'), certificates: cert(servers) },
      ],
    });
    const linked = correlate(findings, facts(3));
    expect(linked).toHaveLength(1);
    expect(linked[0]?.servers).toHaveLength(2);
    expect(linked[0]?.servers[0]?.mergedBy.join(' ')).toMatch(/same TLS certificate/);
    expect(correlate(findings, facts(40))).toHaveLength(2);
  });

  it('links servers whose indicators the knowledge base ties to one actor, not to one malware family', () => {
    const plugx = { id: 'malware--plugx', type: 'malware', name: 'PlugX' };
    const two = (link: typeof apt10) => [
      finding({ host: '10.0.0.1', detector: 'threat-intel', endpointIp: '203.0.113.1', links: [link] }),
      finding({ host: '10.0.0.2', detector: 'threat-intel', endpointDomain: 'evil.example', links: [link] }),
    ];
    const [inc, ...rest] = correlate(two(apt10));
    expect(rest).toHaveLength(0);
    expect(inc?.links).toEqual([apt10]);
    expect(inc?.servers.map((s) => s.mergedBy.join(' ')).join(' ')).toMatch(/APT10 \(intrusion-set/);
    expect(correlate(two(plugx))).toHaveLength(2);
  });

  it('never merges or links through warninglisted or common servers', () => {
    const findings = [
      finding({ host: '10.0.0.1', endpointIp: '104.16.0.1' }),
      finding({ host: '10.0.0.2', endpointIp: '104.16.0.1' }),
    ];
    const cloudflare = { warninglists: new Map([['104.16.0.1', ['cloudflare']]]) };
    // Reached by its address alone, a CDN address is the CDN's: not C2 without intel (see popular-services).
    expect(correlate(findings, cloudflare)).toEqual([]);
    // Reached by names of their own, two servers behind the CDN are not joined through its address.
    const named = findings.map((f, i) => ({ ...f, endpointDomain: `site${i}.example` }));
    const listed = correlate(named, cloudflare);
    expect(listed).toHaveLength(2);
    expect(listed[0]?.servers[0]?.warninglists).toEqual(['cloudflare']);
    // Most of the network reaches it and few of those are flagged: a popular service.
    const common = { internalHosts: 100, addresses: [address('104.16.0.1', { hosts: 90 })] };
    expect(correlate(findings, common)).toHaveLength(2);
    // Most of a small network reaches it, but every one of them is flagged: a C2, still linkable.
    const infected = { internalHosts: 3, addresses: [address('104.16.0.1', { hosts: 2 })] };
    expect(correlate(findings, infected, { commonMinHosts: 2 })).toHaveLength(1);
  });

  it('keeps each address of a port-keyed beacon a server of its own', () => {
    const f = finding({
      host: '172.16.9.233',
      endpointIp: '24.119.69.70',
      stats: { keyedBy: 'port', port: '449/tcp', ips: ['24.119.69.70', '75.102.135.23'], names: [] },
    });
    const [inc] = correlate([f]);
    expect(inc?.servers.map((s) => s.key).sort()).toEqual(['24.119.69.70', '75.102.135.23']);
  });
});
