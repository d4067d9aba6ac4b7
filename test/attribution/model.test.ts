// The pure scoring model: ICD 203 bands, combination of likelihood ratios, the posterior, ACH marks,
// analytic confidence and the judgement, with plain numbers.
import { describe, expect, it } from 'vitest';
import { ageFactor, scaledLr, sharedLr } from '../../src/attribution/evidence/indicator-weight.js';
import { workingHoursShare } from '../../src/attribution/evidence/operator-hours.js';
import { countryTargeted, sectorTargeted } from '../../src/attribution/evidence/victim-match.js';
import { achMark } from '../../src/attribution/model/ach.js';
import { combine, posterior } from '../../src/attribution/model/combine.js';
import { analyticConfidence } from '../../src/attribution/model/confidence.js';
import { clampProbability, icdTerm } from '../../src/attribution/model/icd203.js';
import { judge } from '../../src/attribution/model/judge.js';
import { defaultWeights as w } from '../../src/attribution/weights.js';
import type { Evidence } from '../../src/domain/attribution.js';

let n = 0;
const ev = (kind: Evidence['kind'], actors: string[], likelihoodRatio: number, source = 's1'): Evidence => ({
  id: `E${++n}`,
  kind,
  observation: `item ${n}`,
  source,
  actors,
  likelihoodRatio,
  why: 'test',
});
const info = (id: string) => ({ name: id.toUpperCase(), aliases: [], attackId: null });

describe('ICD 203', () => {
  it('maps probabilities to the seven terms, a bound belonging to the band above', () => {
    const cases: [number, string][] = [
      [0.01, 'almost no chance'],
      [0.049, 'almost no chance'],
      [0.05, 'very unlikely'],
      [0.19, 'very unlikely'],
      [0.2, 'unlikely'],
      [0.44, 'unlikely'],
      [0.45, 'roughly even chance'],
      [0.5, 'roughly even chance'],
      [0.55, 'likely'],
      [0.79, 'likely'],
      [0.8, 'very likely'],
      [0.94, 'very likely'],
      [0.95, 'almost certain'],
      [0.99, 'almost certain'],
    ];
    for (const [p, term] of cases) expect(icdTerm(p), String(p)).toBe(term);
  });

  it('clamps reported probabilities into 1–99%', () => {
    expect(clampProbability(0)).toBe(0.01);
    expect(clampProbability(1)).toBe(0.99);
    expect(clampProbability(0.42)).toBe(0.42);
  });
});

describe('combining likelihood ratios', () => {
  it('discounts further items of one kind and caps the kind, but multiplies independent kinds', () => {
    const scores = combine(
      [
        ev('infrastructure', ['a'], 100),
        ev('infrastructure', ['a'], 100),
        ev('malware', ['b'], 100),
        ev('infrastructure', ['b'], 100),
      ],
      w,
    );
    const a = Math.exp(scores.get('a')?.logLr ?? 0);
    const b = Math.exp(scores.get('b')?.logLr ?? 0);
    expect(a).toBeCloseTo(100 * 100 ** w.dependence, 3);
    expect(b).toBeCloseTo(100 * 100, 3);
    const capped = combine(
      Array.from({ length: 10 }, () => ev('technique', ['a'], 3)),
      w,
    );
    expect(Math.exp(capped.get('a')?.logLr ?? 0)).toBeCloseTo(w.kindCap.technique, 6);
  });

  it('keeps the mass of actors without evidence with "unknown"', () => {
    const none = posterior(new Map(), w);
    expect(none.unknown).toBe(1);
    const one = posterior(combine([ev('infrastructure', ['a'], 1000)], w), w);
    const prior = (1 - w.prior.unknown) / w.prior.actorPool;
    const expected = (prior * 1000) / (prior * 1000 + w.prior.unknown + prior * (w.prior.actorPool - 1));
    expect(one.actors.get('a')).toBeCloseTo(expected, 9);
    expect(one.unknown + (one.actors.get('a') ?? 0)).toBeCloseTo(1, 9);
  });
});

describe('ACH marks', () => {
  it('marks named actors by direction, specific evidence against others, generic evidence neutral', () => {
    const actorA = { actor: 'A', actorId: 'a' };
    const unknown = { actor: 'unknown', actorId: null };
    const specific = ev('infrastructure', ['a'], 50);
    const generic = ev('technique', ['a', 'b', 'c', 'd', 'e'], 2);
    const against = ev('context', ['a'], 0.8);
    const listed = ev('infrastructure', ['a'], 1);
    expect(achMark(specific, actorA, w)).toBe('consistent');
    expect(achMark(specific, { actor: 'B', actorId: 'b' }, w)).toBe('inconsistent');
    expect(achMark(specific, unknown, w)).toBe('inconsistent');
    expect(achMark(generic, { actor: 'Z', actorId: 'z' }, w)).toBe('neutral');
    expect(achMark(generic, unknown, w)).toBe('consistent');
    expect(achMark(against, actorA, w)).toBe('inconsistent');
    expect(achMark(listed, actorA, w)).toBe('neutral');
    expect(achMark(listed, unknown, w)).toBe('neutral');
  });
});

describe('analytic confidence', () => {
  it('is high only with strong evidence of two kinds from two sources and nothing against', () => {
    const strong = [
      ev('infrastructure', ['a'], 100, 'unit42'),
      ev('infrastructure', ['a'], 80, 'pwc'),
      ev('malware', ['a'], 60, 'unit42'),
      ev('technique', ['a', 'b'], 2),
    ];
    expect(analyticConfidence({ actorId: 'a', probability: 0.97 }, strong, w)).toBe('high');
    expect(
      analyticConfidence(
        { actorId: 'a', probability: 0.97 },
        [...strong, ev('infrastructure', ['b'], 100)],
        w,
      ),
    ).toBe('moderate');
    expect(
      analyticConfidence({ actorId: 'a', probability: 0.7 }, [ev('infrastructure', ['a'], 100)], w),
    ).toBe('low');
    expect(analyticConfidence({ actorId: 'a', probability: 0.7 }, strong.slice(0, 2), w)).toBe('moderate');
    expect(analyticConfidence({ actorId: null, probability: 0.97 }, strong, w)).toBe('low');
  });
});

describe('judge', () => {
  it('ranks actors and "unknown", folds unshown actors into "unknown", and trims evidence to shown actors', () => {
    const evidence = [
      ev('infrastructure', ['a'], 500, 'unit42'),
      ev('malware', ['a'], 60, 'pwc'),
      ...['b', 'c', 'd', 'e', 'f'].map((x) => ev('technique', [x, 'a'], 2)),
    ];
    const j = judge({ incidentId: 'INC-1', evidence, actor: info, weights: w });
    expect(j.hypotheses[0]?.actor).toBe('A');
    expect(j.hypotheses).toHaveLength(w.shownActors + 1);
    const total = j.hypotheses.reduce((s, h) => s + h.probability, 0);
    expect(total).toBeGreaterThan(0.98);
    expect(total).toBeLessThan(1.03);
    const shown = new Set(j.hypotheses.map((h) => h.actorId).filter(Boolean));
    expect(j.evidence.every((e) => e.actors.every((a) => shown.has(a)))).toBe(true);
    expect(j.ach.rows[0]?.marks[0]).toBe('consistent');
    expect(j.hypotheses[0]?.evidence.map((e) => e.id)).toContain(evidence[0]?.id);
  });
});

describe('evidence weights', () => {
  it('halves an indicator each half-life, keeps a floor, and discounts undated ones', () => {
    const at = '2020-01-01T00:00:00Z';
    expect(ageFactor('2019-01-01T00:00:00Z', at, 'domain', w.age).factor).toBeCloseTo(0.5, 2);
    expect(ageFactor('2019-12-31T00:00:00Z', at, 'domain', w.age).factor).toBeGreaterThan(0.99);
    expect(ageFactor('2005-01-01T00:00:00Z', at, 'ip', w.age).factor).toBe(w.age.floor);
    expect(ageFactor(null, at, 'file', w.age).factor).toBe(w.age.undated);
    expect(ageFactor('2021-01-01T00:00:00Z', at, 'ip', w.age).factor).toBe(1);
  });

  it('divides a family among its users, and scales in log space', () => {
    expect(sharedLr(30, 1)).toBe(30);
    expect(sharedLr(30, 29)).toBe(2);
    expect(sharedLr(30, 0)).toBe(1);
    expect(scaledLr(100, 0.5)).toBeCloseTo(10, 9);
    expect(scaledLr(100, 0)).toBe(1);
  });

  it('matches victims and office hours loosely', () => {
    expect(countryTargeted('JP', ['Japan'])).toBe(true);
    expect(countryTargeted('Japan', ['United States'])).toBe(false);
    expect(sectorTargeted('Finance', ['Financial'])).toBe(true);
    expect(sectorTargeted('Telecoms', ['Telecommunications'])).toBe(true);
    expect(sectorTargeted('Healthcare', ['Private sector'])).toBe(false);
    // Monday 02:00 UTC is 10:00 in Beijing and 05:00 in Moscow.
    expect(workingHoursShare(['2016-11-07T02:00:00Z'], 8)).toBe(1);
    expect(workingHoursShare(['2016-11-07T02:00:00Z'], 3)).toBe(0);
  });
});
