// Issue 13.1: attribution lists only hypotheses with evidence of their own, plus "unknown", and
// assesses no actor for a likely-benign look-alike.
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/attribution/model/judge.js';
import { defaultWeights as w } from '../../src/attribution/weights.js';
import type { Evidence } from '../../src/domain/attribution.js';

let n = 0;
const ev = (kind: Evidence['kind'], actors: string[], likelihoodRatio: number): Evidence => ({
  id: `E${++n}`,
  kind,
  observation: `item ${n}`,
  source: 's1',
  actors,
  likelihoodRatio,
  why: 'test',
});
const info = (id: string) => ({ name: id.toUpperCase(), aliases: [], attackId: null });
const many = Array.from({ length: 12 }, (_, i) => `actor-${i}`);

describe('13.1 attribution shows only actors with evidence of their own', () => {
  it('13.1: no actor appears on generic evidence; the rest is folded into unknown and counted', () => {
    const a = judge({
      incidentId: 'INC-1',
      evidence: [
        ev('technique', many, 1.4),
        ev('technique', many.slice(0, 8), 1.6),
        ev('context', many, 1.3),
      ],
      actor: info,
      weights: w,
    });
    expect(a.hypotheses.map((h) => h.actor)).toEqual(['unknown']);
    expect(a.hypotheses[0]?.probability).toBe(0.99);
    expect(a.unlistedActors).toBe(12);
    expect(a.assessment).toMatch(/12 other actors that the evidence raises only through techniques or tools/);
  });

  it('13.1: an actor with an item of its own is listed, and the shown probabilities still sum to 1', () => {
    const a = judge({
      incidentId: 'INC-2',
      evidence: [ev('infrastructure', ['actor-0'], 60), ev('technique', many, 1.5)],
      actor: info,
      weights: w,
    });
    expect(a.hypotheses.map((h) => h.actor).sort()).toEqual(['ACTOR-0', 'unknown']);
    expect(a.hypotheses.reduce((s, h) => s + h.probability, 0)).toBeCloseTo(1, 2);
    expect(a.unlistedActors).toBe(11);
    expect(a.hypotheses.every((h) => h.actor === 'unknown' || h.probability > 0.01)).toBe(true);
  });

  it('13.1: a likely-benign incident is not headed "unknown actor: almost certain": no actor is assessed', () => {
    const a = judge({
      incidentId: 'INC-3',
      evidence: [ev('technique', many, 1.4)],
      actor: info,
      weights: w,
      likelyBenign: true,
    });
    expect(a.likelyBenign).toBe(true);
    expect(a.assessment).toMatch(/^No actor is assessed for INC-3: the activity is likely benign/);
    expect(a.assessment).not.toMatch(/almost certain/);
    // Evidence naming an actor still leads, look-alike or not.
    const named = judge({
      incidentId: 'INC-4',
      evidence: [ev('infrastructure', ['actor-0'], 150), ev('malware', ['actor-0'], 60)],
      actor: info,
      weights: w,
      likelyBenign: true,
    });
    expect(named.likelyBenign).toBeUndefined();
    expect(named.hypotheses[0]?.actor).toBe('ACTOR-0');
  });
});
