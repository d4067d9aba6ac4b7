import { describe, expect, it } from 'vitest';
import { longestSubLabel, nameShape } from './name-shape.js';
import { type TunnelEvidence, tunnelScore } from './tunnel-score.js';

const tunnel: TunnelEvidence = {
  uniqueNames: 800,
  longestLabel: 60,
  randomness: 1,
  dataTypeShare: 1,
  unreachedShare: 1,
  loopbackShare: 0,
  hosts: 1,
  clients: 200,
  reputationService: false,
  sameOwner: 1,
};

describe('tunnel score', () => {
  it('scores a TXT/NULL tunnel with long random labels critical', () => {
    expect(tunnelScore(tunnel).score).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps single signals below 0.5', () => {
    // Long random labels, but few and A-only names that get used: a hashed CDN host.
    expect(
      tunnelScore({ ...tunnel, uniqueNames: 20, dataTypeShare: 0, unreachedShare: 0 }).score,
    ).toBeLessThan(0.3);
    // Many unique names, but short and word-like.
    expect(tunnelScore({ ...tunnel, longestLabel: 8, randomness: 0.2 }).score).toBe(0);
    // Long random names nobody connects to, but few of them and plain address lookups.
    expect(tunnelScore({ ...tunnel, uniqueNames: 20, dataTypeShare: 0 }).score).toBeLessThan(0.5);
  });

  it('gives an address-only tunnel a medium score, and damps lookalikes', () => {
    const aOnly = tunnelScore({ ...tunnel, dataTypeShare: 0 }).score;
    expect(aOnly).toBeGreaterThanOrEqual(0.5);
    expect(aOnly).toBeLessThan(0.75);
    // Anti-virus lookups answered from 127.0.0.0/8, on most hosts.
    expect(tunnelScore({ ...tunnel, dataTypeShare: 0, loopbackShare: 1 }).score).toBeLessThan(0.5);
    expect(tunnelScore({ ...tunnel, dataTypeShare: 0, hosts: 60 }).score).toBeLessThan(0.3);
    expect(tunnelScore({ ...tunnel, reputationService: true }).score).toBeLessThan(0.5);
    // A provider zone (bucket.s3.amazonaws.com under amazonaws.com) is many owners, not one tunnel.
    expect(tunnelScore({ ...tunnel, sameOwner: 0.2 }).score).toBeLessThan(0.5);
  });

  it('gives half credit for reachability without conn data', () => {
    const known = tunnelScore(tunnel).unreached;
    expect(tunnelScore({ ...tunnel, unreachedShare: null }).unreached).toBe(0.5);
    expect(known).toBe(1);
  });
});

describe('name shape', () => {
  it('measures the longest label left of the domain and who owns the names', () => {
    expect(longestSubLabel('abc.defghij.t.evil.com', 'evil.com')).toBe('defghij');
    expect(longestSubLabel('evil.com', 'evil.com')).toBe('');
    const s = nameShape(
      ['mzxw6ytboi2dmmrrgu4tkmzxw6ytboi.t.evil.com', 'gezdgnbvgy3tqojqgezdgnbvgy3tqo.t.evil.com'],
      'evil.com',
    );
    expect(s.longestLabel).toBe(30.5);
    expect(s.randomness).toBeGreaterThan(0.9);
    expect(s.sameOwner).toBe(1);
    expect(nameShape(['bucket1.s3.amazonaws.com', 'checkip.amazonaws.com'], 'amazonaws.com').sameOwner).toBe(
      0.5,
    );
  });
});
