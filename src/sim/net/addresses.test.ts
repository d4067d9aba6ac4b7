import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import {
  addressIn,
  hostingAddress,
  intrusionAddress,
  intToIp,
  ipToInt,
  providerAddress,
  reservedForIntrusions,
} from './addresses.js';

describe('addresses', () => {
  it('converts and picks inside a prefix, avoiding .0 and .255', () => {
    expect(intToIp(ipToInt('203.0.113.7'))).toBe('203.0.113.7');
    for (let x = 0; x < 2000; x += 7) {
      const n = addressIn('10.20.0.0/16', x * 977);
      expect(n >>> 16).toBe(ipToInt('10.20.0.0') >>> 16);
      expect([0, 255]).not.toContain(n & 255);
    }
  });

  it('keeps benign sites and intrusion servers apart', () => {
    const taken = new Set<string>();
    const rng = new Rng(1);
    for (let i = 0; i < 500; i++) {
      expect(reservedForIntrusions(ipToInt(hostingAddress(`site${i}.example`)))).toBe(false);
      expect(reservedForIntrusions(ipToInt(intrusionAddress(rng, taken)))).toBe(true);
    }
    expect(taken.size).toBe(500);
  });

  it('gives a name the same provider address in every run', () => {
    expect(providerAddress('cloudflare', 'www.example.org')).toBe(
      providerAddress('cloudflare', 'www.example.org'),
    );
    expect(providerAddress('cloudflare', 'www.example.org')).toMatch(
      /^(104\.(1[6-9]|2[0-3])|172\.(6[4-9]|7[01])|162\.15[89]|188\.114\.(9[6-9]|10\d|11[01]))\./,
    );
  });
});
