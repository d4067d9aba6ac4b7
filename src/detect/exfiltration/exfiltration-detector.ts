import { getDomain } from 'tldts';
import { type Finding, severityOf } from '../../domain/finding.js';
import type { DetectContext, Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import { hourSeries } from './exfil-baseline.js';
import type { ExfilConfig, WorkingHours } from './exfil-config.js';
import { exfilExplanation, exfilTechniques } from './exfil-explain.js';
import { type ExfilScore, exfilScore } from './exfil-score.js';
import { type ExfilCandidate, exfilCandidates, exfilDomainPrevalence } from './exfiltration-query.js';
import { exfiltrationSettings } from './exfiltration-settings.js';

/** Overrides of the run's settings (defaults in `exfil-config.ts`). */
export type ExfiltrationOptions = Partial<Omit<ExfilConfig, 'workingHours'>> & {
  readonly workingHours?: Partial<WorkingHours>;
};

/** The owner of a server name (`x.s3.amazonaws.com` → `amazonaws.com`), the unit of prevalence. */
const ownerOf = (name: string | null) => (name ? (getDomain(name) ?? name) : null);

/** Large uploads from one internal host to one external server, judged against the host's own habits. */
export function createExfiltrationDetector(options: ExfiltrationOptions = {}): Detector {
  const detector: Detector = {
    name: 'exfiltration',
    description: "large uploads to an external server, judged against the sending host's own hours and days",
    techniques: ['T1048', 'T1041', 'T1030'],
    settings: exfiltrationSettings,
    evidenceKind: 'volume',
    lookAlikeProne: true,
    downWeightedOnProxy: true,
    outranksAllowlist: false,
    serverRole: 'exfiltration',
    leadIn: false,
    matchesIndicators: false,
    lookAlikeShape: 'routine-volume',
    async run(ctx: DetectContext): Promise<Finding[]> {
      // The run's config, then the options this detector was created with.
      const base = settingsFor(ctx, 'exfiltration', exfiltrationSettings);
      const cfg: ExfilConfig = {
        ...base,
        ...options,
        workingHours: { ...base.workingHours, ...options.workingHours },
      };
      const window = { internal: ctx.internal.ranges, from: ctx.from, to: ctx.to, sensors: ctx.sensors };
      // Pairs that exchange as much as they send (calls, streaming) cannot score: the store drops them.
      const found = await exfilCandidates(ctx.store.analytics, {
        ...window,
        minBytes: cfg.minBytes,
        minUploadShare: cfg.uploadShareFrom,
      });
      if (found.candidates.length === 0 || ctx.signal?.aborted) return [];
      const hosts = new Map(found.hosts.map((h) => [h.host, hourSeries(h.hours, h.hourBytes)]));
      const score = (c: ExfilCandidate, prevalence: number) => {
        const pair = hourSeries(c.hours, c.hourBytes);
        const host = hosts.get(c.origH) ?? pair;
        const evidence = { bytesOut: c.bytesOut, bytesIn: c.bytesIn, pair, host, prevalence };
        return exfilScore({ ...evidence, internalHosts: found.internalHosts }, cfg);
      };
      // The name's owner can only make a destination more common, so only pairs that would be
      // reported on their address alone need it.
      const likely = found.candidates
        .map((c) => ({ c, s: score(c, c.prevalence), owner: ownerOf(c.name) }))
        .filter((x) => x.s.gate >= cfg.minScore);
      const owners = [...new Set(likely.map((x) => x.owner).filter((d) => d !== null))];
      const reach = new Map(
        owners.length === 0
          ? []
          : (await exfilDomainPrevalence(ctx.store.analytics, { ...window, domains: owners })).map((r) => [
              r.domain,
              r.hosts,
            ]),
      );
      const scored = likely.map(({ c, s, owner }) => {
        const prevalence = Math.max(c.prevalence, owner ? (reach.get(owner) ?? 0) : 0);
        return { c, owner, prevalence, s: prevalence > c.prevalence ? score(c, prevalence) : s };
      });
      const unit = found.source === 'http' ? 'HTTP requests' : 'connections';
      const perHost = new Map<string, number>();
      const findings: Finding[] = [];
      const ranked = scored.sort(
        (a, b) => b.s.score - a.s.score || b.c.bytesOut - a.c.bytesOut || a.c.respH.localeCompare(b.c.respH),
      );
      for (const { c, s, prevalence, owner } of ranked) {
        if (s.gate < cfg.minScore) continue;
        const n = perHost.get(c.origH) ?? 0;
        if (n >= cfg.perHost) continue;
        perHost.set(c.origH, n + 1);
        findings.push(
          toFinding(c, s, { prevalence, owner, unit, source: found.source, hours: cfg.workingHours }),
        );
      }
      return findings;
    },
  };
  return detector;
}

function toFinding(
  c: ExfilCandidate,
  s: ExfilScore,
  ctx: { prevalence: number; owner: string | null; unit: string; source: string; hours: WorkingHours },
): Finding {
  const { prevalence, owner, unit, source, hours } = ctx;
  return {
    detector: 'exfiltration',
    // A routine transfer is the host's own baseline, not exfiltration: no technique is claimed.
    techniques: s.routine.routine ? [] : exfilTechniques(c),
    host: c.origH,
    endpointIp: c.respH,
    endpointDomain: c.name,
    first: c.first,
    last: c.last,
    connections: c.connections,
    bytesOut: c.bytesOut,
    bytesIn: c.bytesIn,
    score: s.score,
    severity: severityOf(s.score),
    stats: {
      ...s.stats,
      ports: c.ports.slice(0, 5).map(String),
      addressPrevalence: c.prevalence,
      ...(owner ? { domain: owner.slice(0, 100) } : {}),
      chunkConnections: c.chunks.count,
      source,
    },
    explanation: exfilExplanation(c, s, prevalence, unit, hours),
    links: [],
  };
}

/** The registered instance, with the documented defaults (working hours 08–18 UTC, weekdays). */
export const exfiltrationDetector = createExfiltrationDetector();
