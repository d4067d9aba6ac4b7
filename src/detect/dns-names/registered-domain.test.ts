import { describe, expect, it } from 'vitest';
import { icannParts, isPublicSuffix, registeredDomain } from './registered-domain.js';

describe('registered domains', () => {
  it('splits at the private suffix boundary for tunnels, at the ICANN one for DGAs', () => {
    expect(registeredDomain('d1abc2xyz.cloudfront.net')).toBe('d1abc2xyz.cloudfront.net');
    expect(registeredDomain('d1abc2xyz.cloudfront.net', 'icann')).toBe('cloudfront.net');
    expect(registeredDomain('a.b.t.example.co.uk')).toBe('example.co.uk');
    expect(registeredDomain('x.pirate.sea')).toBe('pirate.sea');
    expect(registeredDomain('co.uk')).toBeNull();
    expect(registeredDomain('192.0.2.1')).toBeNull();
  });

  it('knows which tails are public suffixes', () => {
    expect(isPublicSuffix('co.uk')).toBe(true);
    expect(isPublicSuffix('cloudfront.net')).toBe(true);
    expect(isPublicSuffix('example.com')).toBe(false);
    expect(isPublicSuffix('corp.local')).toBe(false);
  });

  it('gives DGA parts only under real TLDs', () => {
    expect(icannParts('www.gacyfew.com')).toEqual({ domain: 'gacyfew.com', label: 'gacyfew', suffix: 'com' });
    expect(icannParts('qwhdjklm')).toBeNull();
    expect(icannParts('www.google.com.corp.local')).toBeNull();
  });
});
