import { type Finding, severityOf } from '../../domain/finding.js';
import type { DetectContext, Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import { internalOriginators } from '../shared/shared-query.js';
import { portFanOut } from './fan-out-query.js';
import { fanOutScore } from './fan-out-score.js';
import { fanOutSettings } from './fan-out-settings.js';

/** One host sending to many external addresses on a port few hosts use. */
export const fanOutDetector: Detector = {
  name: 'fan-out',
  description:
    'one host reaching hundreds of external addresses on an uncommon port (botnet check-in sweeps, worms)',
  techniques: ['T1095', 'T1571'],
  settings: fanOutSettings,
  evidenceKind: 'sweep',
  lookAlikeProne: false,
  downWeightedOnProxy: true,
  outranksAllowlist: false,
  serverRole: 'c2',
  leadIn: false,
  matchesIndicators: false,
  async run(ctx: DetectContext) {
    const { threshold, minPrevalenceBase, ...cfg } = settingsFor(ctx, 'fan-out', fanOutSettings);
    const internalHosts = await internalOriginators(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const rows = await portFanOut(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      minDestinations: cfg.minDestinations,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const findings: Finding[] = [];
    for (const r of rows) {
      const { score, stats } = fanOutScore(
        {
          destinations: r.destinations,
          networks: r.networks,
          flows: r.flows,
          answered: r.answered,
          prevalenceShare: r.prevalence / Math.max(minPrevalenceBase, internalHosts),
        },
        cfg,
      );
      if (score < threshold) continue;
      const nets = r.topNetworks.slice(0, 3).map((n) => n.network);
      const more = r.networks > 3 ? ` and ${r.networks - 3} more networks` : '';
      findings.push({
        detector: 'fan-out',
        techniques: fanOutDetector.techniques,
        host: r.origH,
        endpointIp: r.sampleIps[0] ?? null,
        endpointDomain: null,
        first: r.first,
        last: r.last,
        connections: r.flows,
        bytesOut: r.bytesOut,
        bytesIn: r.bytesIn,
        score,
        severity: severityOf(score),
        stats: {
          ...stats,
          port: `${r.port}/${r.proto}`,
          destinations: r.destinations,
          networks: r.networks,
          topNetworks: r.topNetworks.map((n) => `${n.network} (${n.destinations})`),
          ips: r.sampleIps,
          answered: r.answered,
          prevalence: r.prevalence,
        },
        explanation: `${r.origH} sent ${r.flows} flows to ${r.destinations} external addresses on ${r.port}/${r.proto}, packed into ${nets.join(', ')}${more}; ${r.answered === 0 ? 'none answered' : `${r.answered} answered`}, and ${r.prevalence === 1 ? 'no other host uses that port' : `${r.prevalence} hosts use that port`}.`,
        links: [],
      });
    }
    return findings;
  },
};
