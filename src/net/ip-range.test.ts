import { describe, expect, it } from 'vitest';
import { MamoriError } from '../errors.js';
import { ipRange, parseIpv4, parseIpv4Block, tryIpRange } from './ip-range.js';

describe('ipRange', () => {
  it('gives a single IPv4 address as a one-address range', () => {
    expect(ipRange('8.8.8.8')).toEqual({ v: 4, lo: 0x08080808n, hi: 0x08080808n });
  });

  it('masks host bits of a CIDR', () => {
    expect(ipRange('10.1.2.3/8')).toEqual({ v: 4, lo: 0x0a000000n, hi: 0x0affffffn });
    expect(ipRange('0.0.0.0/0')).toEqual({ v: 4, lo: 0n, hi: 0xffffffffn });
  });

  it('handles IPv6 blocks and addresses', () => {
    const r = ipRange('fe80::/10');
    expect(r.v).toBe(6);
    expect(r.lo).toBe(0xfe80n << 112n);
    expect(r.hi).toBe((0xfe80n << 112n) | ((1n << 118n) - 1n));
    expect(ipRange('2001:4860:4860::8888')).toEqual({
      v: 6,
      lo: 0x20014860486000000000000000008888n,
      hi: 0x20014860486000000000000000008888n,
    });
  });

  it('reads a lone IPv4-mapped IPv6 address as IPv4', () => {
    expect(ipRange('::ffff:10.0.0.1')).toEqual({ v: 4, lo: 0x0a000001n, hi: 0x0a000001n });
  });

  it('refuses non-addresses, short forms and bad prefixes', () => {
    for (const bad of ['example.com', '10.1', '010.0.0.1', '10.0.0.0/33', 'fe80::/129', '1.2.3.4/x', '']) {
      expect(tryIpRange(bad), bad).toBeNull();
    }
    expect(() => ipRange('nope')).toThrow(MamoriError);
  });
});

describe('parseIpv4 and parseIpv4Block', () => {
  it('agrees with ipRange on IPv4', () => {
    for (const text of [
      '0.0.0.0',
      '255.255.255.255',
      '8.8.4.4',
      '10.1.2.3/8',
      '192.168.0.0/16',
      '1.2.3.4/0',
    ]) {
      const r = ipRange(text);
      const b = parseIpv4Block(text);
      expect(b && [BigInt(b.lo), BigInt(b.hi)], text).toEqual([r.lo, r.hi]);
    }
    expect(parseIpv4('1.2.3.4')).toBe(0x01020304);
  });

  it('says whether the text is already canonical', () => {
    expect(parseIpv4Block('10.0.0.0/8')?.canonical).toBe(true);
    expect(parseIpv4Block('10.1.0.0/8')?.canonical).toBe(false);
    expect(parseIpv4Block('10.0.0.1/32')?.canonical).toBe(false);
    expect(parseIpv4Block('10.0.0.1')?.canonical).toBe(true);
  });

  it('refuses what the strict normaliser refuses', () => {
    for (const bad of [
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.256',
      '1..2.3',
      '1.2.3.4/33',
      '1.2.3.4/08',
      '::1',
      '',
    ]) {
      expect(parseIpv4Block(bad), bad).toBeNull();
    }
  });
});
