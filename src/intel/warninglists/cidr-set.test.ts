import { describe, expect, it } from 'vitest';
import { ipRange } from '../../net/ip-range.js';
import { CidrSet } from './cidr-set.js';

describe('CidrSet', () => {
  const skipped: string[] = [];
  const set = new CidrSet(
    ['10.0.0.0/9', '10.128.0.0/9', '192.168.1.7', '192.168.1.0/24', 'fe80::/10', 'garbage'],
    (entry) => skipped.push(entry),
  );

  it('merges overlapping and adjacent blocks', () => {
    // 10/9 + 10.128/9 join into 10/8; the host inside 192.168.1/24 disappears into it.
    expect(set.rangeCount).toBe(3);
    expect(skipped).toEqual(['garbage']);
  });

  it('finds addresses inside and outside', () => {
    expect(set.covers(ipRange('10.200.0.1'))).toBe(true);
    expect(set.covers(ipRange('11.0.0.0'))).toBe(false);
    expect(set.covers(ipRange('192.168.1.255'))).toBe(true);
    expect(set.covers(ipRange('192.168.2.0'))).toBe(false);
    expect(set.covers(ipRange('9.255.255.255'))).toBe(false);
    expect(set.covers(ipRange('fe80::1'))).toBe(true);
    expect(set.covers(ipRange('2001:db8::1'))).toBe(false);
  });

  it('covers a network only when all of it is inside', () => {
    expect(set.covers(ipRange('10.0.0.0/8'))).toBe(true);
    expect(set.covers(ipRange('10.0.0.0/7'))).toBe(false);
    expect(set.covers(ipRange('192.168.0.0/16'))).toBe(false);
  });

  it('answers false on an empty set', () => {
    expect(new CidrSet([]).covers(ipRange('1.1.1.1'))).toBe(false);
  });
});
