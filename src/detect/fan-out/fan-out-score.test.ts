import { describe, expect, it } from 'vitest';
import { fanOutScore } from './fan-out-score.js';

describe('fan-out score', () => {
  it('scores a silent sweep of a few ranges critical', () => {
    const cerber = fanOutScore({
      destinations: 576,
      networks: 4,
      flows: 1152,
      answered: 0,
      prevalenceShare: 0.05,
    });
    expect(cerber.score).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps answered peers scattered across the internet (P2P) at medium at most', () => {
    const p2p = fanOutScore({
      destinations: 600,
      networks: 590,
      flows: 900,
      answered: 700,
      prevalenceShare: 0.05,
    });
    expect(p2p.score).toBeLessThan(0.75);
    expect(p2p.score).toBeGreaterThanOrEqual(0.5);
  });

  it('gives nothing below the minimum breadth, and fades on a port much of the network uses', () => {
    expect(
      fanOutScore({ destinations: 19, networks: 1, flows: 19, answered: 0, prevalenceShare: 0 }).score,
    ).toBe(0);
    expect(
      fanOutScore({ destinations: 576, networks: 4, flows: 1152, answered: 0, prevalenceShare: 1 }).score,
    ).toBe(0);
  });
});
