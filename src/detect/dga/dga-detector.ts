import { clip } from '../../clip.js';
import { type Finding, severityOf } from '../../domain/finding.js';
import type { DetectContext, Detector } from '../detector.js';
import { resolverCaveat, resolverRole } from '../dns-names/resolver-role.js';
import { settingsFor } from '../settings-for.js';
import {
  type FailedDomain,
  failedDomains,
  type Lookalike,
  likelyHit,
  lookalikes,
  maxBurst,
} from './dga-names.js';
import { type DgaCandidate, dgaCandidates, dgaResolved } from './dga-query.js';
import { type DgaConfig, type DgaScore, dgaScore } from './dga-score.js';
import { dgaSettings } from './dga-settings.js';

const iso = (epoch: number) => new Date(epoch * 1000).toISOString();

/** What one host's failures add up to before the resolved names are looked at. */
interface Judged {
  readonly c: DgaCandidate;
  readonly failed: FailedDomain[];
  readonly random: FailedDomain[];
  readonly burst: number;
  readonly commonShare: number;
}

/** Bursts of NXDOMAIN answers for random-looking names, one finding per host. */
export const dgaDetector: Detector = {
  name: 'dga',
  description: 'bursts of NXDOMAIN answers for random-looking names',
  techniques: ['T1568.002', 'T1483'],
  settings: dgaSettings,
  evidenceKind: 'dns',
  lookAlikeProne: false,
  downWeightedOnProxy: false,
  outranksAllowlist: false,
  serverRole: 'c2',
  leadIn: false,
  matchesIndicators: false,
  impliedProtocols: ['dns'],
  async run(ctx: DetectContext) {
    const cfg = settingsFor(ctx, 'dga', dgaSettings);
    const { floor, maxNames } = cfg;
    const agg = await dgaCandidates(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      // Below these no score reaches the floor: a burst under burstFrom scores 0 (a fixed bucket may
      // split a burst, the sliding window in dga-names.ts does not), and under twice tailFrom failed
      // domains in all the slow-DGA ramp stays under 0.3 even with the full look-alike boost.
      minBurst: cfg.burstFrom,
      burstSeconds: cfg.burstSeconds,
      minTotal: cfg.tailFrom * 2,
      maxNames,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const common = Math.max(cfg.commonHosts, cfg.commonShare * agg.clients);
    const judged: Judged[] = agg.candidates
      .filter((c) => resolverRole(c) !== 'forwarder')
      .map((c) => {
        const failed = failedDomains(c.nxNames);
        const random = failed.filter((d) => d.randomness >= cfg.randomAt);
        const burst = maxBurst(
          random.map((d) => d.first),
          cfg.burstSeconds,
        );
        const commonShare =
          random.length > 0 ? random.filter((d) => d.hosts >= common).length / random.length : 0;
        return { c, failed, random, burst, commonShare };
      });
    const evidence = (j: Judged, looks: number) => ({
      nxDomains: j.failed.length,
      randomDomains: j.random.length,
      burst: j.burst,
      lookalikes: looks,
      commonShare: j.commonShare,
      resolver: resolverRole(j.c) === 'resolver-only',
    });
    // Resolved names only for hosts the best look-alike boost could lift over the floor.
    const promising = judged.filter((j) => dgaScore(evidence(j, cfg.fullLookalikes), cfg).score >= floor);
    const resolved = await dgaResolved(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      hosts: promising.map((j) => j.c.host),
      maxNames,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const resolvedBy = new Map(resolved.map((r) => [r.host, r.names]));
    const scored = promising.map((j) => {
      const looks = lookalikes(resolvedBy.get(j.c.host) ?? [], j.random, cfg.randomAt);
      return { j, looks, s: dgaScore(evidence(j, looks.length), cfg) };
    });
    return scored.filter((x) => x.s.score >= floor).map((x) => toFinding(x.j, x.looks, x.s, cfg));
  },
};

function toFinding(j: Judged, looks: Lookalike[], s: DgaScore, cfg: DgaConfig): Finding {
  const hit = likelyHit(looks);
  const times = j.failed.map((d) => d.first);
  const first = Math.min(...times, ...looks.map((l) => l.first));
  const last = Math.max(...times, ...looks.map((l) => l.first));
  const examples = j.random.slice(0, 3).map((d) => clip(d.domain));
  const resolver = resolverRole(j.c) === 'resolver-only' ? resolverCaveat : '';
  const found = hit
    ? `; the look-alike ${clip(hit.domain)} did resolve${hit.ip ? ` (${hit.ip})` : ''}${looks.length > 1 ? `, as did ${looks.length - 1} more` : ''}`
    : '';
  return {
    detector: 'dga',
    techniques: dgaDetector.techniques,
    host: j.c.host,
    endpointIp: hit?.ip ?? null,
    endpointDomain: hit?.domain ?? null,
    first: iso(first),
    last: iso(last),
    connections: j.failed.reduce((a, d) => a + d.count, 0),
    bytesOut: null,
    bytesIn: null,
    score: s.score,
    severity: severityOf(s.score),
    stats: {
      nxNames: j.c.nxTotal,
      nxDomains: j.failed.length,
      randomDomains: j.random.length,
      burst: j.burst,
      burstSeconds: cfg.burstSeconds,
      lookalikes: looks.length,
      connectedLookalikes: looks.filter((l) => l.connected).length,
      commonShare: Math.round(j.commonShare * 1000) / 1000,
      volume: s.volume,
      randomShare: s.randomShare,
      boost: s.boost,
      damping: s.damping,
      topNames: j.random.slice(0, 10).map((d) => clip(d.domain)),
      resolvedLookalikes: looks.slice(0, 10).map((l) => clip(l.domain)),
    },
    explanation: `${j.c.host}${resolver} got NXDOMAIN for ${j.failed.length} domains, ${j.random.length} of them random-looking (${examples.join(', ')}), up to ${j.burst} within ${cfg.burstSeconds / 60} minutes${found}.`,
    links: [],
  };
}
