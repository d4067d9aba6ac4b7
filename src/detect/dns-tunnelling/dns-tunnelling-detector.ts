import { clip } from '../../clip.js';
import { type Finding, severityOf } from '../../domain/finding.js';
import type { DetectContext, Detector } from '../detector.js';
import { isPublicSuffix } from '../dns-names/registered-domain.js';
import { resolverCaveat, resolverRole } from '../dns-names/resolver-role.js';
import { settingsFor } from '../settings-for.js';
import { type DnsTunnelCandidate, dnsTunnelCandidates } from './dns-tunnelling-query.js';
import { dnsTunnellingSettings } from './dns-tunnelling-settings.js';
import { nameShape } from './name-shape.js';
import { isReputationService } from './reputation-services.js';
import { type TunnelScore, tunnelScore } from './tunnel-score.js';

/** Data or C2 carried in DNS names and TXT/NULL answers, per client and domain. */
export const dnsTunnellingDetector: Detector = {
  name: 'dns-tunnelling',
  description: 'data or C2 carried in DNS names and TXT/NULL answers',
  techniques: ['T1071.004', 'T1048', 'T1572'],
  settings: dnsTunnellingSettings,
  evidenceKind: 'dns',
  lookAlikeProne: false,
  downWeightedOnProxy: false,
  outranksAllowlist: false,
  serverRole: 'c2',
  leadIn: false,
  matchesIndicators: false,
  impliedProtocols: ['dns'],
  async run(ctx: DetectContext) {
    const cfg = settingsFor(ctx, 'dns-tunnelling', dnsTunnellingSettings);
    const { floor, perHost } = cfg;
    const agg = await dnsTunnelCandidates(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      minUnique: cfg.minUnique,
      minMeanSubLength: cfg.minMeanSubLength,
      maxHostShare: cfg.commonAt,
      isPublicSuffix,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const scored = agg.candidates
      .filter((c) => resolverRole(c) !== 'forwarder')
      .map((c) => {
        const shape = nameShape(c.samples, c.domain);
        const answered = c.answeredNames;
        const s = tunnelScore(
          {
            uniqueNames: c.uniqueNames,
            longestLabel: shape.longestLabel,
            randomness: shape.randomness,
            dataTypeShare: c.queries > 0 ? c.dataTypeQueries / c.queries : 0,
            unreachedShare: agg.connKnown ? (answered > 0 ? 1 - c.connectedNames / answered : 1) : null,
            // Only when most names were answered: one 127.0.0.1 answer must not pass a tunnel off as a lookup.
            loopbackShare: answered > 0 && answered >= c.uniqueNames / 2 ? c.loopbackNames / answered : 0,
            hosts: c.hosts,
            clients: agg.clients,
            reputationService: isReputationService(c.domain),
            sameOwner: shape.sameOwner,
          },
          cfg,
        );
        return { c, s, shape };
      });
    const kept = scored
      .filter((x) => x.s.score >= floor)
      .sort(
        (a, b) =>
          b.s.score - a.s.score ||
          b.c.uniqueNames - a.c.uniqueNames ||
          a.c.domain.localeCompare(b.c.domain) ||
          a.c.host.localeCompare(b.c.host),
      );
    const perHostCount = new Map<string, number>();
    const findings: Finding[] = [];
    for (const { c, s, shape } of kept) {
      const n = perHostCount.get(c.host) ?? 0;
      if (n >= perHost) continue;
      perHostCount.set(c.host, n + 1);
      findings.push(toFinding(c, s, shape.longestLabel, agg.clients));
    }
    return findings;
  },
};

function toFinding(c: DnsTunnelCandidate, s: TunnelScore, longestLabel: number, clients: number): Finding {
  const types = c.qtypes.slice(0, 3).join('/') || 'DNS';
  const connected =
    c.answeredNames === 0
      ? 'no name was answered with an address'
      : `${c.connectedNames} of ${c.answeredNames} address-answered names were ever connected to`;
  const resolver = resolverRole(c) === 'resolver-only' ? resolverCaveat : '';
  return {
    detector: 'dns-tunnelling',
    techniques: dnsTunnellingDetector.techniques,
    host: c.host,
    endpointIp: c.authServer,
    endpointDomain: c.domain,
    first: c.first,
    last: c.last,
    connections: c.queries,
    bytesOut: null,
    bytesIn: null,
    score: s.score,
    severity: severityOf(s.score),
    stats: {
      queries: c.queries,
      uniqueNames: c.uniqueNames,
      meanSubLength: Math.round(c.meanSubLength),
      longestLabel: Math.round(longestLabel),
      dataTypeQueries: c.dataTypeQueries,
      qtypes: c.qtypes.slice(0, 5),
      nxdomain: c.nxdomain,
      answeredNames: c.answeredNames,
      connectedNames: c.connectedNames,
      hosts: c.hosts,
      clients,
      shape: s.shape,
      volume: s.volume,
      dataTypes: s.dataTypes,
      unreached: s.unreached,
      damping: s.damping,
      samples: c.samples.slice(0, 3).map((x) => clip(x)),
    },
    explanation: `${c.host}${resolver} sent ${c.queries} ${types} queries for ${c.uniqueNames} distinct names under ${clip(c.domain)}, with random-looking labels of about ${Math.round(longestLabel)} characters (e.g. ${clip(c.samples[0] ?? '')}); ${connected}.`,
    links: [],
  };
}
