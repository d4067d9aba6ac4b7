import { clip } from '../../clip.js';
import { type Finding, severityOf } from '../../domain/finding.js';
import type { DetectContext, Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import { type RareEndpoint, rareDestinations } from './rare-destinations-query.js';
import { rareDestinationsSettings } from './rare-destinations-settings.js';
import { newness, persistence, rareScore, rarity } from './rare-score.js';
import { sharedSuffixes } from './shared-suffixes.js';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function explain(e: RareEndpoint, fresh: number, historyStart: string | null): string {
  const target =
    e.kind === 'domain'
      ? `${clip(e.domain ?? '')}${e.names.length > 1 ? ` (${e.names.length} names)` : ''}${e.ip ? ` at ${e.ip}` : ''}`
      : `${e.ip} by address`;
  const seen = [e.sessions ? `${e.sessions} sessions` : '', e.lookups ? `${e.lookups} lookups` : '']
    .filter(Boolean)
    .join(' and ');
  const who = e.hosts === 1 ? 'no other internal host reaches it' : `only ${e.hosts} internal hosts reach it`;
  const days = (Date.parse(e.firstSeen) - Date.parse(historyStart ?? e.firstSeen)) / 86_400_000;
  const first =
    fresh > 0
      ? `the network first met it on ${when(e.firstSeen)}, ${days.toFixed(1)} days into its history`
      : `it has been seen since ${when(e.firstSeen)}`;
  const span = `${e.hoursOfDay} of the 24 clock hours on ${e.days === 1 ? '1 day' : `${e.days} days`}`;
  return `${e.host} came back to ${target} in ${span} (${seen}); ${who}, and ${first}.`;
}

/** External endpoints few hosts reach, newly seen in the network and returned to around the clock. */
export const rareDestinationsDetector: Detector = {
  name: 'rare-destinations',
  description: 'external endpoints reached by few hosts, first seen recently and contacted persistently',
  techniques: ['T1071'],
  settings: rareDestinationsSettings,
  evidenceKind: 'novelty',
  lookAlikeProne: true,
  downWeightedOnProxy: true,
  outranksAllowlist: false,
  serverRole: 'c2',
  leadIn: false,
  matchesIndicators: false,
  async run(ctx: DetectContext): Promise<Finding[]> {
    const cfg = settingsFor(ctx, 'rare-destinations', rareDestinationsSettings);
    const { floor, perHost } = cfg;
    const found = await rareDestinations(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      maxHosts: cfg.maxHosts,
      minHoursOfDay: cfg.minHoursOfDay,
      sharedSuffixes,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const start = found.historyStart === null ? null : Date.parse(found.historyStart);
    const scored = found.endpoints.flatMap((e) => {
      const rare = rarity(e.hosts, found.internalHosts, cfg);
      const persistent = persistence(e.hoursOfDay);
      const fresh = newness(Date.parse(e.firstSeen), start, Date.parse(e.first), cfg);
      const score = rareScore(rare, persistent, fresh);
      return score < floor ? [] : [{ e, score, rare, persistent, fresh }];
    });
    // Ties go by endpoint, so the per-host cap keeps the same findings whatever order SQL returned.
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        b.e.hoursOfDay - a.e.hoursOfDay ||
        (a.e.ip ?? '').localeCompare(b.e.ip ?? '') ||
        (a.e.domain ?? '').localeCompare(b.e.domain ?? ''),
    );
    const kept = new Map<string, number>();
    const findings: Finding[] = [];
    for (const { e, score, rare, persistent, fresh } of scored) {
      if (ctx.signal?.aborted) break;
      const n = kept.get(e.host) ?? 0;
      if (n >= perHost) continue;
      kept.set(e.host, n + 1);
      findings.push({
        detector: 'rare-destinations',
        techniques: rareDestinationsDetector.techniques,
        host: e.host,
        endpointIp: e.ip,
        endpointDomain: e.domain,
        first: e.first,
        last: e.last,
        connections: e.sessions || e.lookups,
        bytesOut: e.bytesOut,
        bytesIn: e.bytesIn,
        score,
        severity: severityOf(score),
        stats: {
          kind: e.kind,
          hosts: e.hosts,
          internalHosts: found.internalHosts,
          hoursOfDay: e.hoursOfDay,
          days: e.days,
          sessions: e.sessions,
          lookups: e.lookups,
          firstSeen: e.firstSeen,
          rarity: rare,
          persistence: persistent,
          newness: fresh,
          names: e.names.map((x) => clip(x)),
          ips: e.ips,
          ports: e.ports.slice(0, 5).map(String),
        },
        explanation: explain(e, fresh, found.historyStart),
        links: [],
      });
    }
    return findings;
  },
};
