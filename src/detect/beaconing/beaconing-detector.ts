import { type Finding, severityOf } from '../../domain/finding.js';
import { median } from '../../median.js';
import { plural } from '../../plural.js';
import type { DetectContext, Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import { internalOriginators } from '../shared/shared-query.js';
import { type BeaconStats, beaconScoreMerged } from './beacon-score.js';
import { activeHours, type ConnectionSeries, connectionSeries } from './beaconing-query.js';
import { beaconingSettings } from './beaconing-settings.js';
import { dropCoveredByGroup } from './covered-by-group.js';
import { type FleetTimer, fleetRule, fleetTimers, type TimedSeries } from './fleet-timer.js';

const every = (seconds: number) =>
  seconds >= 3600
    ? `${(seconds / 3600).toFixed(1)} h`
    : seconds >= 60
      ? `${Math.round(seconds / 60)} min`
      : `${Math.round(seconds)} s`;

const looksLikeIp = (name: string) => /^[\d.]+$/.test(name) || name.includes(':');

/** The server's name, when it has one that is not an address. */
function serverName(s: ConnectionSeries): string | null {
  if (s.keyedBy === 'port') return null;
  return s.names.find((n) => !looksLikeIp(n)) ?? null;
}

function endpointText(s: ConnectionSeries): string {
  const name = serverName(s);
  const ips =
    s.ips.length > 3 ? `${s.ips.slice(0, 3).join(', ')} and ${s.ips.length - 3} more` : s.ips.join(', ');
  const via = s.proxies.length > 0 ? ` through the proxy ${s.proxies.join(', ')}` : '';
  if (s.keyedBy === 'port') return `${s.ips.length} addresses on ${s.port} (${ips})`;
  if (!name) return `${ips}${via}`;
  return ips ? `${name} (${ips})${via}` : `${name}${via}`;
}

function fleetText(f: FleetTimer): string {
  return f.peers >= fleetRule.minHosts
    ? `${f.peers} hosts poll it on the same precise timer with the same request, like installed software.`
    : `a timer this precise to a server ${f.reach} hosts reach is more likely software installed on them.`;
}

/** Internal hosts calling an external server on a schedule, with steady sizes, for hours or days. */
export const beaconingDetector: Detector = {
  name: 'beaconing',
  description: 'periodic connections from an internal host to an external server (jitter-tolerant)',
  techniques: ['T1071'],
  settings: beaconingSettings,
  evidenceKind: 'timing',
  lookAlikeProne: true,
  downWeightedOnProxy: true,
  outranksAllowlist: false,
  serverRole: 'c2',
  leadIn: false,
  matchesIndicators: false,
  lookAlikeShape: 'schedule',
  // A beacon keyed by port calls several servers on one odd port: each address is a server of its own.
  serversApart: (f) => f.stats['keyedBy'] === 'port',
  async run(ctx: DetectContext) {
    const cfg = settingsFor(ctx, 'beaconing', beaconingSettings);
    const internalHosts = await internalOriginators(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const observedHours = await activeHours(ctx.store.analytics, {
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const findings: Finding[] = [];
    // A server half the network reaches scores 0 on rarity, whatever its timing: not fetched.
    const hostBase = Math.max(cfg.minPrevalenceBase, internalHosts);
    const pages = connectionSeries(ctx.store.analytics, {
      minConnections: cfg.minConnections,
      maxPrevalence: Math.ceil(cfg.everyoneShare * hostBase) - 1,
      internal: ctx.internal.ranges,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    // Scored first, judged against each other (fleet timers), then reported. Every precise timer
    // counts towards a fleet, also the ones scoring low on their own: installed software on hosts
    // switched off at night shows its timer only in office hours, and still says what the software is.
    const scored: { s: ConnectionSeries; score: number; stats: BeaconStats; server: string }[] = [];
    const timers: TimedSeries[] = [];
    for await (const page of pages)
      for (const s of page) {
        if (ctx.signal?.aborted) break;
        const share = s.prevalence / hostBase;
        const r = beaconScoreMerged(s.times, s.origBytes, share, cfg, observedHours);
        const server = serverName(s) ?? s.port ?? s.ips[0] ?? '';
        if (r.stats.gapSpread <= fleetRule.maxGapSpread)
          timers.push({
            host: s.origH,
            server,
            stats: r.stats,
            medianSize: median(s.origBytes, { even: 'upper' }),
            reach: s.prevalence,
          });
        if (r.score >= cfg.threshold) scored.push({ s, ...r, server });
      }
    const fleet = fleetTimers(timers);
    for (const { s, stats, server, ...r } of scored) {
      const fleetTimer = fleet.get(`${s.origH}|${server}`);
      const score = fleetTimer ? Math.round(r.score * fleetRule.weight * 1000) / 1000 : r.score;
      if (score < cfg.threshold) continue;
      const days = stats.days > 1 ? plural(stats.days, 'day') : plural(stats.hours, 'hour');
      const spread = s.keyedBy === 'name' && s.ips.length > 1 ? ` at ${s.ips.length} addresses` : '';
      const fleetNote = fleetTimer ? ` Down-weighted: ${fleetText(fleetTimer)}` : '';
      findings.push({
        detector: 'beaconing',
        techniques: beaconingDetector.techniques,
        host: s.origH,
        endpointIp: s.ips[0] ?? null,
        endpointDomain: serverName(s),
        first: s.first,
        last: s.last,
        connections: s.connections,
        bytesOut: s.bytesOut,
        bytesIn: s.bytesIn,
        score,
        severity: severityOf(score),
        stats: {
          ...stats,
          keyedBy: s.keyedBy,
          ...(s.port ? { port: s.port } : {}),
          ports: s.ports.slice(0, 5).map(String),
          ips: s.ips.slice(0, 20),
          names: s.names.slice(0, 10),
          ...(s.proxies.length > 0 ? { proxies: s.proxies } : {}),
          prevalence: s.prevalence,
          ...(fleetTimer ? { fleetHosts: fleetTimer.peers, scoreBeforeFleet: r.score } : {}),
        },
        explanation: `${s.origH} called ${endpointText(s)}${spread} ${s.connections} times over ${days}, about every ${every(stats.medianInterval)} (${Math.round(stats.onSchedule * 100)}% of gaps within ±50% of that, ${Math.round(stats.sameSize * 100)}% of requests the same size), and ${s.prevalence === 1 ? 'no other host talks to it' : `${s.prevalence} hosts talk to it`}.${fleetNote}`,
        links: [],
      });
    }
    return dropCoveredByGroup(findings);
  },
};
