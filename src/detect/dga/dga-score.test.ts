import { describe, expect, it } from 'vitest';
import { failedDomains, likelyHit, lookalikes, maxBurst } from './dga-names.js';
import { type DgaEvidence, dgaScore } from './dga-score.js';

const dga: DgaEvidence = {
  nxDomains: 40,
  randomDomains: 38,
  burst: 38,
  lookalikes: 1,
  commonShare: 0,
  resolver: false,
};

describe('dga score', () => {
  it('scores a burst of random-looking failures high, more with a resolved look-alike', () => {
    expect(dgaScore({ ...dga, lookalikes: 0 }).score).toBeGreaterThanOrEqual(0.75);
    expect(dgaScore(dga).score).toBeGreaterThan(dgaScore({ ...dga, lookalikes: 0 }).score);
  });

  it('keeps small bursts, word-like failures and shared failures low', () => {
    expect(dgaScore({ ...dga, nxDomains: 5, randomDomains: 4, burst: 4 }).score).toBe(0);
    expect(dgaScore({ ...dga, nxDomains: 30, randomDomains: 8, burst: 8 }).score).toBeLessThan(0.3);
    expect(
      dgaScore({ ...dga, nxDomains: 12, randomDomains: 10, burst: 10, lookalikes: 0 }).score,
    ).toBeLessThan(0.5);
    expect(dgaScore({ ...dga, commonShare: 1 }).score).toBeLessThan(0.5);
  });

  it('counts a slow DGA by its total', () => {
    const slow = dgaScore({ ...dga, nxDomains: 150, randomDomains: 140, burst: 2, lookalikes: 0 });
    expect(slow.score).toBeGreaterThanOrEqual(0.5);
  });
});

describe('dga names', () => {
  it('groups failures by ICANN domain and drops bare labels and internal zones', () => {
    const f = failedDomains([
      { name: 'www.qexylup.com', first: 10, count: 1, hosts: 1 },
      { name: 'qexylup.com', first: 5, count: 2, hosts: 1 },
      { name: 'kqzvhxwplt', first: 6, count: 1, hosts: 1 },
      { name: 'www.google.com.corp.local', first: 7, count: 1, hosts: 1 },
      { name: '4.3.2.1.zen.spamhaus.org', first: 8, count: 1, hosts: 1 },
      { name: '5.3.2.1.zen.spamhaus.org', first: 9, count: 1, hosts: 1 },
    ]);
    expect(f.map((d) => [d.domain, d.first, d.count])).toEqual([
      ['qexylup.com', 5, 3],
      ['spamhaus.org', 8, 2],
    ]);
  });

  it('finds the largest burst in a sliding window', () => {
    expect(maxBurst([0, 100, 200, 5000, 5100, 5200, 5300], 900)).toBe(4);
    expect(maxBurst([], 900)).toBe(0);
  });

  it('reports the resolved look-alike the host connected to', () => {
    const random = failedDomains(
      ['qexylup', 'gacyfew', 'lyryjir'].map((l, i) => ({
        name: `${l}.com`,
        first: 100 + i,
        count: 1,
        hosts: 1,
      })),
    );
    const looks = lookalikes(
      [
        { name: 'vowydef.com', answers: ['127.0.0.1'], connected: false, first: 101 },
        { name: 'pufymoq.com', answers: ['198.51.100.7'], connected: true, first: 102 },
        { name: 'facebook.com', answers: ['198.51.100.8'], connected: true, first: 102 },
        { name: 'qebytiq.net', answers: ['198.51.100.9'], connected: true, first: 102 },
        { name: 'msftncsi.com', answers: ['198.51.100.10'], connected: true, first: 900 },
      ],
      random,
      0.5,
    );
    expect(looks.map((l) => l.domain)).toEqual(['vowydef.com', 'pufymoq.com']);
    expect(likelyHit(looks)).toEqual({ domain: 'pufymoq.com', ip: '198.51.100.7' });
  });
});
