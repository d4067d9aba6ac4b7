import { describe, expect, it } from 'vitest';
import { isUnusualPort, type SessionFacts, sessionScore } from './session-score.js';

const facts = (p: Partial<SessionFacts>): SessionFacts => ({
  longest: 12 * 60,
  unusualPort: true,
  portHosts: 1,
  internalHosts: 100,
  otherExternal: 0,
  prevalenceShare: 0.01,
  ...p,
});

describe('session score', () => {
  it('reports one 12-minute session to an uncommon port from a host that otherwise stays inside', () => {
    const s = sessionScore(facts({}));
    expect(s).toMatchObject({ uncommonPort: true, quiet: 1 });
    expect(s.score).toBeCloseTo(0.676, 3);
  });

  it('reports 28 minutes of IRC from a host that talks to the internet a lot, at medium', () => {
    const s = sessionScore(facts({ longest: 28 * 60, otherExternal: 40 }));
    expect(s.quiet).toBe(0);
    expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(s.score).toBeLessThan(0.65);
  });

  it('needs ten minutes, and one of the two facts', () => {
    expect(sessionScore(facts({ longest: 9 * 60 })).score).toBe(0);
    expect(sessionScore(facts({ unusualPort: false, otherExternal: 40 })).score).toBe(0);
    // A port many hosts use is not uncommon, whatever its number.
    expect(sessionScore(facts({ portHosts: 30, otherExternal: 40 })).score).toBe(0);
    expect(sessionScore(facts({ portHosts: 5, internalHosts: 100, otherExternal: 40 })).uncommonPort).toBe(
      true,
    );
  });

  it('lets a quiet host reach medium on an everyday port only after a quarter of an hour', () => {
    expect(sessionScore(facts({ unusualPort: false, longest: 12 * 60 })).score).toBeLessThan(0.5);
    expect(sessionScore(facts({ unusualPort: false, longest: 15 * 60 })).score).toBeGreaterThanOrEqual(0.5);
    // With two other external peers it takes half an hour.
    expect(
      sessionScore(facts({ unusualPort: false, longest: 25 * 60, otherExternal: 2 })).score,
    ).toBeLessThan(0.5);
    expect(
      sessionScore(facts({ unusualPort: false, longest: 30 * 60, otherExternal: 2 })).score,
    ).toBeGreaterThanOrEqual(0.5);
  });

  it('grows to 1 at two hours and fades for a server much of the network uses', () => {
    expect(sessionScore(facts({ longest: 3 * 3600 })).score).toBe(1);
    expect(sessionScore(facts({ longest: 3 * 3600, prevalenceShare: 0.65 })).score).toBe(0.5);
  });

  it('calls ports outside the everyday list and below the dynamic range unusual', () => {
    expect([1234, 4444, 6667, 31337].map(isUnusualPort)).toEqual([true, true, true, true]);
    expect([443, 5222, 8080, 53, 50000, 0].map(isUnusualPort)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
