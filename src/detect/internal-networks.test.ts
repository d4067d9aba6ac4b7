import { describe, expect, it } from 'vitest';
import { InternalNetworks } from './internal-networks.js';

describe('internal networks', () => {
  it('defaults to RFC 1918 and friends; takes the user list instead; names a bad entry', () => {
    const d = new InternalNetworks();
    expect(['10.1.2.3', '172.31.0.1', '192.168.1.1', 'fd00::1'].every((ip) => d.has(ip))).toBe(true);
    expect(['172.32.0.1', '8.8.8.8', '2001:db8::1', null, 'not-an-ip'].some((ip) => d.has(ip))).toBe(false);
    const rita = new InternalNetworks(['73.54.23.0/24']);
    expect(rita.has('73.54.23.243')).toBe(true);
    expect(rita.has('10.0.0.1')).toBe(false);
    // Multicast and broadcast never leave the link: never an external server.
    expect(['ff02::2', '239.255.255.250', '255.255.255.255'].every((ip) => rita.has(ip))).toBe(true);
    expect(() => new InternalNetworks(['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
  });
});
