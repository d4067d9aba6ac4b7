// The careful analyst's habits, each as a test, against a small in-memory knowledge base.
import { describe, expect, it } from 'vitest';
import { attribute, createAttributionCache } from '../../src/attribution/attribute.js';
import type { Attribution } from '../../src/domain/attribution.js';
import { fakeKb, incident, intelFinding, server } from './fake-kb.js';

const kb = fakeKb();
const p = (a: Attribution, actor: string) => a.hypotheses.find((h) => h.actor === actor)?.probability ?? 0;
const lr = (a: Attribution, text: string) =>
  a.evidence.find((e) => e.observation.includes(text))?.likelihoodRatio ?? Number.NaN;

describe('attribute', () => {
  it('attributes APT10 infrastructure and an attributed implant to APT10 with estimative language', async () => {
    const a = await attribute(
      incident(
        [
          server('x.cloud-maste.com', ['198.51.100.7'], ['x.cloud-maste.com']),
          server('wthelpdesk.com', [], ['wthelpdesk.com']),
        ],
        {
          findings: [intelFinding('198.51.100.7', ['a'.repeat(64)])],
        },
      ),
      kb,
    );
    const top = a.hypotheses[0];
    expect(top?.actor).toBe('menuPass');
    expect(top?.attackId).toBe('G0045');
    expect(top?.aliases).toContain('APT10');
    expect(top?.probability).toBeGreaterThanOrEqual(0.8);
    expect(['very likely', 'almost certain']).toContain(top?.term);
    expect(a.confidence).not.toBe('low');
    expect(a.hypotheses.map((h) => h.actor)).toContain('unknown');
    expect(a.assessment).toMatch(
      /^We assess it is (very likely|almost certain) \(\d+%\) that menuPass \(APT10, Stone Panda\) was involved in INC-0000abcd, with (moderate|high) confidence: /,
    );
    expect(a.modelVersion).toBe('1');
    // A listed parent domain counts, a little less than the value itself.
    expect(
      a.evidence.some((e) => e.observation.startsWith('x.cloud-maste.com (listed: cloud-maste.com)')),
    ).toBe(true);
  });

  it('lowers the weight of old indicators', async () => {
    const fresh = await attribute(incident([server('fresh-c2.com', [], ['fresh-c2.com'])]), kb);
    const old = await attribute(incident([server('old-c2.com', [], ['old-c2.com'])]), kb);
    expect(lr(old, 'old-c2.com')).toBeLessThan(lr(fresh, 'fresh-c2.com') / 5);
    expect(p(old, 'menuPass')).toBeLessThan(p(fresh, 'menuPass'));
    expect(old.evidence[0]?.why).toMatch(/years before the activity/);
    expect(old.hypotheses[0]?.actor).toBe('unknown');
  });

  it('gives warninglisted and shared-hosting infrastructure no weight, value by value', async () => {
    const listed = await attribute(
      incident([
        server('203.0.113.9', ['203.0.113.9'], []),
        server('cdn-shared.com', [], ['cdn-shared.com'], ['cloudflare']),
      ]),
      kb,
    );
    const nothing = await attribute(incident([server('192.0.2.1', ['192.0.2.1'], [])]), kb);
    const infra = listed.evidence.filter((e) => e.kind === 'infrastructure');
    expect(infra.map((e) => e.likelihoodRatio)).toEqual([1, 1]);
    expect(infra.map((e) => e.why)).toEqual([
      'on warninglist amazon-aws: shared or benign infrastructure counts for nothing',
      'on warninglist cloudflare-top10k: shared or benign infrastructure counts for nothing',
    ]);
    expect(listed.hypotheses[0]?.actor).toBe('unknown');
    expect(listed.hypotheses[0]?.probability).toBeCloseTo(nothing.hypotheses[0]?.probability ?? 0, 6);
    expect(listed.assessment).toMatch(/2 warninglisted or shared values counted for nothing/);
    // A listed address merged into a server (the office proxy here) does not void the server's own name.
    const merged = await attribute(
      incident([server('wthelpdesk.com', ['10.0.0.30'], ['wthelpdesk.com'], ['rfc1918'])]),
      kb,
    );
    expect(lr(merged, 'wthelpdesk.com')).toBeGreaterThan(10);
  });

  it('raises every user of a shared tool only a little, and an exclusive family a lot', async () => {
    const shared = await attribute(
      incident([server('192.0.2.1', ['192.0.2.1'], [])], {
        findings: [intelFinding('192.0.2.1', ['b'.repeat(64)])],
      }),
      kb,
    );
    const mimikatz = shared.evidence.find((e) => e.observation.includes('Mimikatz'));
    expect(mimikatz?.likelihoodRatio).toBeLessThan(3);
    expect(mimikatz?.why).toMatch(/used by 22 known actors/);
    expect(shared.hypotheses[0]?.actor).toBe('unknown');
    const exclusive = await attribute(
      incident([server('192.0.2.1', ['192.0.2.1'], [])], {
        findings: [intelFinding('192.0.2.1', ['d'.repeat(64)])],
      }),
      kb,
    );
    expect(exclusive.evidence.find((e) => e.observation.includes('ChChes'))?.likelihoodRatio).toBeGreaterThan(
      10,
    );
    expect(p(exclusive, 'menuPass')).toBeGreaterThan(10 * p(shared, 'APT41'));
  });

  it('counts several independent kinds for more than many items of one kind', async () => {
    // Two listed names of one actor (one kind) against one name and one implant (two kinds).
    const oneKind = await attribute(
      incident([
        server('cloud-maste.com', [], ['cloud-maste.com']),
        server('wthelpdesk.com', [], ['wthelpdesk.com']),
      ]),
      kb,
    );
    const twoKinds = await attribute(
      incident([server('cloud-maste.com', ['192.0.2.1'], ['cloud-maste.com'])], {
        findings: [intelFinding('192.0.2.1', ['d'.repeat(64)])],
      }),
      kb,
    );
    expect(p(twoKinds, 'menuPass')).toBeGreaterThan(p(oneKind, 'menuPass'));
    const [first, second] = oneKind.evidence.filter((e) => e.kind === 'infrastructure');
    // The second name of the same kind adds only part of its weight.
    const combined = oneKind.hypotheses.find((h) => h.actor === 'menuPass')?.likelihood ?? 0;
    expect(combined).toBeLessThan((first?.likelihoodRatio ?? 0) * (second?.likelihoodRatio ?? 0));
  });

  it('leaves "unknown" on top when the evidence is only generic', async () => {
    const a = await attribute(
      incident([server('lookalike-update.net', ['192.0.2.1'], ['lookalike-update.net'])], {
        techniques: ['T1071.001', 'T1105', 'T1039', 'T1030', 'T1041'],
        findings: [intelFinding('192.0.2.1', ['c'.repeat(64)])],
      }),
      kb,
      { victim: { country: 'JP', sector: 'Government' } },
    );
    expect(a.hypotheses[0]?.actor).toBe('unknown');
    expect(a.hypotheses[0]?.probability).toBeGreaterThan(0.8);
    expect(a.confidence).toBe('low');
    expect(a.assessment).toMatch(/^We cannot attribute INC-0000abcd to a known actor/);
    // The ACH matrix has one row per item and one column per hypothesis.
    expect(a.ach.hypotheses).toEqual(a.hypotheses.map((h) => h.actor));
    expect(a.ach.rows).toHaveLength(a.evidence.length);
  });

  it('follows indicators through campaigns and malware families to actors', async () => {
    const a = await attribute(
      incident([
        server('campaign-host.com', [], ['campaign-host.com']),
        server('trick-c2.com', [], ['trick-c2.com']),
      ]),
      kb,
    );
    const campaign = a.evidence.find((e) => e.observation.includes('campaign Cloud Hopper 2016'));
    const family = a.evidence.find((e) => e.observation.includes('TrickBot'));
    expect(campaign?.actors).toEqual(['actor-apt10']);
    expect(family?.actors).toEqual(['actor-wizard']);
    expect(family?.likelihoodRatio).toBeLessThan(lr(a, 'campaign-host.com'));
  });

  it('weighs the victim and the hours of activity only for named candidates, and only a little', async () => {
    // Weekday office hours in China (UTC+8): 01:00–10:00 UTC.
    const timeline = Array.from(
      { length: 8 },
      (_, i) => `2016-11-0${1 + (i % 4)}T0${2 + (i % 6)}:00:00.000Z`,
    );
    const base = incident([server('wthelpdesk.com', [], ['wthelpdesk.com'])], { timeline });
    const plain = await attribute(base, kb);
    const fits = await attribute(base, kb, { victim: { country: 'JP', sector: 'government agencies' } });
    const context = fits.evidence.filter((e) => e.kind === 'context');
    expect(context.map((e) => e.actors)).toEqual([['actor-apt10'], ['actor-apt10'], ['actor-apt10']]);
    expect(context.every((e) => e.likelihoodRatio > 1 && e.likelihoodRatio < 2)).toBe(true);
    expect(p(fits, 'menuPass')).toBeGreaterThan(p(plain, 'menuPass'));
    const elsewhere = await attribute(base, kb, { victim: { country: 'Brazil' } });
    expect(elsewhere.evidence.find((e) => e.observation.includes('Brazil'))?.likelihoodRatio).toBeLessThan(1);
  });

  it('says "unknown" with no knowledge base and shares profiles through a cache', async () => {
    const empty = fakeKb({}, { actors: [], software: [], campaigns: [] });
    const cache = createAttributionCache();
    const a = await attribute(incident([server('cloud-maste.com', [], ['cloud-maste.com'])]), empty, {
      cache,
    });
    expect(a.hypotheses).toHaveLength(1);
    expect(a.hypotheses[0]).toMatchObject({
      actor: 'unknown',
      actorId: null,
      probability: 0.99,
      term: 'almost certain',
    });
    expect(a.assessment).toMatch(/No address, file, signature or technique/);
    const again = await attribute(incident([]), empty, { cache });
    expect(again.hypotheses[0]?.actor).toBe('unknown');
    expect(cache.knowledge).not.toBeNull();
  });
});
