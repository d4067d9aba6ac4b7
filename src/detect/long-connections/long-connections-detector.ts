import { plural } from '../../plural.js';
import type { DetectContext, Detector } from '../detector.js';
import { type Finding, severityOf } from '../finding.js';
import { defaultLongConfig, longScore } from './long-score.js';

const threshold = 0.5;
/** This many hosts holding long connections to one server make it a service, not a channel. */
const fleetHosts = 3;
const fleetWeight = 0.5;
/** Prevalence is a share of at least this many hosts. */
const minPrevalenceBase = 20;
const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;

/** Outbound sessions held open for hours, or many adding up to most of a day. */
export const longConnectionsDetector: Detector = {
  name: 'long-connections',
  description: 'long single sessions, and many short ones adding up to a long total, to external servers',
  techniques: ['T1071', 'T1572'],
  async run(ctx: DetectContext) {
    const internalHosts = await ctx.store.detect.internalOriginators({
      internal: ctx.internal.ranges,
      from: ctx.from,
      to: ctx.to,
    });
    const rows = await ctx.store.detect.connectionDurations({
      internal: ctx.internal.ranges,
      minLongest: threshold * defaultLongConfig.fullSingle,
      minTotal: (threshold / defaultLongConfig.totalWeight) * defaultLongConfig.fullTotal,
      from: ctx.from,
      to: ctx.to,
    });
    const findings: Finding[] = [];
    // Sync and chat clients hold the same server all day from every host they run on; a C2 channel
    // is held by the infected hosts only.
    const holders = new Map<string, number>();
    for (const r of rows) holders.set(r.respH, (holders.get(r.respH) ?? 0) + 1);
    for (const r of rows) {
      if (!ctx.internal.has(r.origH) || ctx.internal.has(r.respH)) continue;
      const share = r.prevalence / Math.max(minPrevalenceBase, internalHosts);
      const held = holders.get(r.respH) ?? 1;
      const fleet = held >= fleetHosts;
      const raw = longScore(r.longest, r.total, share);
      const score = fleet ? Math.round(raw * fleetWeight * 1000) / 1000 : raw;
      if (score < threshold) continue;
      const open = r.open > 0 ? `, ${r.open} still open at the end of the logs` : '';
      findings.push({
        detector: 'long-connections',
        techniques: longConnectionsDetector.techniques,
        host: r.origH,
        endpointIp: r.respH,
        endpointDomain: null,
        first: r.first,
        last: r.last,
        connections: r.connections,
        bytesOut: r.bytesOut,
        bytesIn: r.bytesIn,
        score,
        severity: severityOf(score),
        stats: {
          longestSeconds: Math.round(r.longest),
          totalSeconds: Math.round(r.total),
          open: r.open,
          prevalence: r.prevalence,
          ...(fleet ? { fleetHosts: held, scoreBeforeFleet: raw } : {}),
          ports: r.ports.slice(0, 5).map(String),
        },
        explanation: `${r.origH} held a connection to ${r.respH} (port ${r.ports.slice(0, 3).join(', ')}) open for ${hours(r.longest)}, ${hours(r.total)} over ${plural(r.connections, 'connection')} in all${open}.${fleet ? ` Down-weighted: ${held} hosts hold connections this long to it, like a sync or chat service.` : ''}`,
        links: [],
      });
    }
    return findings;
  },
};
