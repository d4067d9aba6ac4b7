import { describe, expect, it } from 'vitest';
import type { OddityName } from './oddity-names.js';
import { oddityScore, oddityWeights, prevalenceFactor, repetition } from './oddity-score.js';

const none = Object.fromEntries(Object.keys(oddityWeights).map((k) => [k, 0])) as Record<OddityName, number>;
const seen = (c: Partial<Record<OddityName, number>>) => ({ ...none, ...c });

describe('repetition', () => {
  it('counts a one-off at 70% and twenty or more in full', () => {
    expect(repetition(0)).toBe(0);
    expect(repetition(1)).toBe(0.7);
    expect(repetition(20)).toBe(1);
    expect(repetition(5000)).toBe(1);
  });
});

describe('prevalence factor', () => {
  it('leaves rare endpoints alone and scales down what much of the network uses', () => {
    expect(prevalenceFactor(1, 1)).toBe(1);
    expect(prevalenceFactor(2, 20)).toBe(1);
    expect(prevalenceFactor(300, 1000)).toBe(0.6);
    expect(prevalenceFactor(900, 1000)).toBe(0.2);
  });
});

describe('oddity score', () => {
  it('keeps every single oddity, however repeated, under medium', () => {
    for (const name of Object.keys(oddityWeights) as OddityName[])
      expect(oddityScore(seen({ [name]: 1000 }), 1, 500), name).toBeLessThan(0.5);
  });

  it('keeps one-off weak pairs under the reporting floor', () => {
    expect(oddityScore(seen({ rareUserAgent: 1 }), 1, 500)).toBeLessThan(0.3);
    expect(oddityScore(seen({ postToRawIp: 1 }), 1, 500)).toBeLessThan(0.3);
    expect(oddityScore(seen({ noSni: 40, invalidCert: 40 }), 1, 500)).toBeLessThan(0.3);
  });

  it('reaches medium for repeated combinations', () => {
    // The RITA missing-Host beacon: no Host, a one-host user agent imitating Mozilla.
    expect(
      oddityScore(seen({ missingHost: 950, rareUserAgent: 950, mimicUserAgent: 950 }), 1, 1),
    ).toBeGreaterThan(0.65);
    // Trickbot's port-449 C2: self-signed OpenSSL default certificate on a bare address.
    expect(oddityScore(seen({ selfSigned: 100, placeholderCert: 100, noSni: 100 }), 1, 2)).toBeGreaterThan(
      0.55,
    );
    // Kovter: POSTs to bare addresses with a user agent no other host uses.
    expect(oddityScore(seen({ postToRawIp: 180, rareUserAgent: 180 }), 1, 1)).toBeGreaterThanOrEqual(0.5);
    expect(
      oddityScore(seen({ selfSigned: 50, noSni: 50, rareFingerprint: 50, missingHost: 50 }), 1, 500),
    ).toBeGreaterThan(0.7);
  });

  it('caps at high and scales down popular endpoints', () => {
    const all = Object.fromEntries(Object.keys(oddityWeights).map((k) => [k, 100])) as Record<
      OddityName,
      number
    >;
    expect(oddityScore(all, 1, 500)).toBe(0.85);
    expect(oddityScore(seen({ selfSigned: 100, placeholderCert: 100 }), 400, 500)).toBeLessThan(0.3);
  });
});
