import { type Finding, severityOf } from '../../domain/finding.js';
import { plural } from '../../plural.js';
import type { DetectContext, Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import { internalOriginators } from '../shared/shared-query.js';
import {
  type ConnectionDurations,
  connectionDurations,
  type PortSession,
  portSessions,
} from './long-connections-query.js';
import { longConnectionsSettings } from './long-connections-settings.js';
import { type LongConfig, longScore } from './long-score.js';
import { isUnusualPort, type SessionScore, sessionScore } from './session-score.js';

const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;
/** A session's length as a noun ("28 minutes", "1.5 h"). */
const length = (s: number) => (s < 3600 ? plural(Math.round(s / 60), 'minute') : hours(s));

/** One host → server pair worth a finding, before the fleet rule. */
interface Candidate {
  readonly origH: string;
  readonly respH: string;
  readonly raw: number;
  readonly techniques: readonly string[];
  readonly finding: Omit<Finding, 'score' | 'severity' | 'explanation' | 'stats' | 'techniques'>;
  readonly stats: Record<string, unknown>;
  readonly explanation: string;
}

function durationCandidate(r: ConnectionDurations, share: number, cfg: LongConfig): Candidate {
  const open = r.open > 0 ? `, ${r.open} still open at the end of the logs` : '';
  return {
    origH: r.origH,
    respH: r.respH,
    raw: longScore(r.longest, r.total, share, cfg),
    techniques: ['T1071', 'T1572'],
    finding: base(r),
    stats: {
      longestSeconds: Math.round(r.longest),
      totalSeconds: Math.round(r.total),
      open: r.open,
      prevalence: r.prevalence,
      ports: r.ports.slice(0, 5).map(String),
    },
    explanation: `${r.origH} held a connection to ${r.respH} (port ${r.ports.slice(0, 3).join(', ')}) open for ${hours(r.longest)}, ${hours(r.total)} over ${plural(r.connections, 'connection')} in all${open}.`,
  };
}

function sessionCandidate(s: PortSession, judged: SessionScore): Candidate {
  const why = [
    judged.uncommonPort
      ? `port ${s.port} is uncommon (${plural(s.portHosts, 'internal host')} use${s.portHosts === 1 ? 's' : ''} it)`
      : '',
    judged.quiet === 1
      ? s.internalPeers > 0
        ? `apart from it ${s.origH} reached only internal servers (${s.internalPeers})`
        : `${s.origH} reached nothing else`
      : judged.quiet > 0
        ? `apart from it ${s.origH} reached only ${plural(s.otherExternal, 'other external address', 'other external addresses')}`
        : '',
  ].filter(Boolean);
  return {
    origH: s.origH,
    respH: s.respH,
    raw: judged.score,
    techniques: judged.uncommonPort ? ['T1071', 'T1571'] : ['T1071'],
    finding: { ...base({ ...s, connections: s.sessions }) },
    stats: {
      longestSeconds: Math.round(s.longest),
      totalSeconds: Math.round(s.total),
      open: s.open,
      prevalence: s.prevalence,
      ports: [String(s.port)],
      sessions: s.sessions,
      portHosts: s.portHosts,
      otherExternal: s.otherExternal,
      internalPeers: s.internalPeers,
      uncommonPort: judged.uncommonPort,
      quietHost: judged.quiet,
    },
    explanation: `${s.origH} held ${s.sessions > 1 ? `${s.sessions} sessions of up to ${length(s.longest)}` : `a session of ${length(s.longest)}`} to ${s.respH} on port ${s.port}; ${why.join(', and ')}.`,
  };
}

function base(r: {
  origH: string;
  respH: string;
  first: string;
  last: string;
  connections: number;
  bytesOut: number;
  bytesIn: number;
}) {
  return {
    detector: 'long-connections' as const,
    host: r.origH,
    endpointIp: r.respH,
    endpointDomain: null,
    first: r.first,
    last: r.last,
    connections: r.connections,
    bytesOut: r.bytesOut,
    bytesIn: r.bytesIn,
    links: [],
  };
}

/**
 * Outbound sessions held open for hours, or many adding up to most of a day; and sessions of minutes
 * on a port almost no host uses, or from a host that otherwise stays inside.
 */
export const longConnectionsDetector: Detector = {
  name: 'long-connections',
  description:
    'long single sessions, many short ones adding up to a long total, and sessions of minutes on uncommon ports or from hosts that otherwise stay inside',
  techniques: ['T1071', 'T1572', 'T1571'],
  evidenceKind: 'timing',
  settings: longConnectionsSettings,
  lookAlikeProne: true,
  downWeightedOnProxy: true,
  outranksAllowlist: false,
  serverRole: 'c2',
  leadIn: false,
  matchesIndicators: false,
  async run(ctx: DetectContext) {
    const { threshold, fleetHosts, fleetWeight, minPrevalenceBase, ...cfg } = settingsFor(
      ctx,
      'long-connections',
      longConnectionsSettings,
    );
    const window = { internal: ctx.internal.ranges, from: ctx.from, to: ctx.to, sensors: ctx.sensors };
    const internalHosts = await internalOriginators(ctx.store.analytics, window);
    const shareOf = (prevalence: number) => prevalence / Math.max(minPrevalenceBase, internalHosts);
    const rows = await connectionDurations(ctx.store.analytics, {
      ...window,
      minLongest: threshold * cfg.long.fullSingle,
      minTotal: (threshold / cfg.long.totalWeight) * cfg.long.fullTotal,
    });
    const sessions = await portSessions(ctx.store.analytics, {
      ...window,
      minLongest: cfg.session.minSession,
      maxOtherExternal: cfg.session.quietMaxOther,
    });
    // One candidate per host and server: the stronger of the two readings.
    const best = new Map<string, Candidate>();
    const offer = (c: Candidate) => {
      if (!ctx.internal.has(c.origH) || ctx.internal.has(c.respH) || c.raw < threshold * fleetWeight) return;
      const k = `${c.origH}>${c.respH}`;
      if ((best.get(k)?.raw ?? -1) < c.raw) best.set(k, c);
    };
    for (const r of rows) offer(durationCandidate(r, shareOf(r.prevalence), cfg.long));
    for (const s of sessions)
      offer(
        sessionCandidate(
          s,
          sessionScore(
            {
              longest: s.longest,
              unusualPort: isUnusualPort(s.port),
              portHosts: s.portHosts,
              internalHosts,
              otherExternal: s.otherExternal,
              prevalenceShare: shareOf(s.prevalence),
            },
            cfg.session,
          ),
        ),
      );
    // Sync and chat clients hold the same server all day from every host they run on; a C2 channel
    // is held by the infected hosts only.
    const holders = new Map<string, number>();
    for (const c of best.values()) holders.set(c.respH, (holders.get(c.respH) ?? 0) + 1);
    const findings: Finding[] = [];
    for (const c of best.values()) {
      const held = holders.get(c.respH) ?? 1;
      const fleet = held >= fleetHosts;
      const score = fleet ? Math.round(c.raw * fleetWeight * 1000) / 1000 : c.raw;
      if (score < threshold) continue;
      findings.push({
        ...c.finding,
        techniques: c.techniques,
        score,
        severity: severityOf(score),
        stats: { ...c.stats, ...(fleet ? { fleetHosts: held, scoreBeforeFleet: c.raw } : {}) },
        explanation: `${c.explanation}${fleet ? ` Down-weighted: ${held} hosts hold connections this long to it, like a sync or chat service.` : ''}`,
      });
    }
    return findings;
  },
};
