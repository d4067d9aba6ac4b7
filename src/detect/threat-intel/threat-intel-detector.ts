import { type Finding, type FindingLink, severityOf } from '../../domain/finding.js';
import type { Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import { internalProxies } from '../shared/shared-query.js';
import { matchIndicators } from './intel-match-query.js';
import { intelScore } from './intel-score.js';
import { groupMatches } from './match-groups.js';
import { dnsResolvers } from './threat-intel-query.js';
import { threatIntelSettings } from './threat-intel-settings.js';

const addressTypes: ReadonlySet<string> = new Set(['ipv4', 'ipv6', 'cidr']);

/** Telemetry that hits live indicators of the knowledge base, one finding per host and endpoint. */
export const threatIntelDetector: Detector = {
  name: 'threat-intel',
  description: 'connections, DNS, SNI, HTTP, file hashes and fingerprints that hit live indicators',
  techniques: ['T1071', 'T1105'],
  settings: threatIntelSettings,
  evidenceKind: 'intel',
  lookAlikeProne: false,
  downWeightedOnProxy: false,
  outranksAllowlist: true,
  // Matches on downloaded files alone (hashes, no address or name) point at where a payload came from.
  serverRole: (f) =>
    Array.isArray(f.stats['fields']) && f.stats['fields'].every((x) => String(x).startsWith('files.'))
      ? 'delivery'
      : 'c2',
  leadIn: false,
  matchesIndicators: true,
  async run(ctx) {
    const { relayedWeight } = settingsFor(ctx, 'threat-intel', threatIntelSettings);
    const matches = await matchIndicators(ctx.store, {
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    // A resolver's DNS hits repeat the lookups of the clients behind it, and a web proxy's own
    // connections carry its clients' requests: those clients have findings of their own.
    const window = { internal: ctx.internal.ranges, from: ctx.from, to: ctx.to, sensors: ctx.sensors };
    const resolvers = await dnsResolvers(ctx.store.analytics, window);
    const proxies = new Set(await internalProxies(ctx.store.analytics, window));
    // An indicator naming an address inside the monitored networks (a sandbox's private address in a
    // feed) is about this network's own hosts; one outside them is a server, private or not.
    const outside = matches.filter(
      (m) => !(addressTypes.has(m.indicatorType) && ctx.internal.has(m.observed)),
    );
    const groups = groupMatches(outside, ctx.internal, proxies);
    const findings: Finding[] = [];
    for (const g of groups) {
      const fields = [...new Set(g.ms.map((m) => m.field))].sort();
      const sources = [...new Set(g.ms.flatMap((m) => m.sources))].sort();
      const links = new Map<string, FindingLink>();
      for (const m of g.ms) for (const e of m.entities) links.set(e.id, e);
      const indicators = [...new Set(g.ms.map((m) => m.indicatorValue))].sort();
      const clients = resolvers.get(g.host) ?? 0;
      const viaResolver = clients > 0 && fields.every((f) => f.startsWith('dns.'));
      const viaProxy = proxies.has(g.host);
      const relayed = viaResolver || viaProxy;
      const full = intelScore({ fields: fields.length, sources: sources.length, attributed: links.size > 0 });
      const score = relayed ? Math.round(full * relayedWeight * 100) / 100 : full;
      const connections = g.ms.filter((m) => m.field.startsWith('conn.')).reduce((a, m) => a + m.count, 0);
      const events = g.ms.reduce((a, m) => a + m.count, 0);
      const count = (prefix: string) =>
        g.ms.filter((m) => m.field.startsWith(prefix)).reduce((a, m) => a + m.count, 0);
      const first = g.ms.map((m) => m.first).sort()[0] ?? '';
      const last =
        g.ms
          .map((m) => m.last)
          .sort()
          .at(-1) ?? '';
      const who = [...links.values()].map((l) => l.name);
      const endpoint = g.domain && g.ip ? `${g.domain} (${g.ip})` : (g.domain ?? g.ip ?? '');
      const seen = [
        connections ? `${connections} connections` : '',
        count('dns.query') ? `${count('dns.query')} DNS lookups` : '',
        count('http.') ? `${count('http.')} HTTP requests` : '',
        count('ssl.') ? `${count('ssl.')} TLS sessions` : '',
        count('files.') ? `${count('files.')} files` : '',
      ].filter(Boolean);
      findings.push({
        detector: 'threat-intel',
        techniques: threatIntelDetector.techniques,
        host: g.host,
        endpointIp: g.ip,
        endpointDomain: g.domain,
        first,
        last,
        connections,
        bytesOut: null,
        bytesIn: null,
        score,
        severity: severityOf(score),
        stats: {
          events,
          fields,
          sources,
          indicators,
          ...(viaResolver ? { resolverClients: clients } : {}),
          ...(viaProxy ? { proxy: 'yes' } : {}),
        },
        explanation: `${g.host} reached ${endpoint} (${seen.join(', ') || `${events} events`}) between ${first.slice(0, 19)} and ${last.slice(0, 19)}; ${indicators.join(', ')} ${indicators.length > 1 ? 'are' : 'is'} listed by ${sources.join(', ')}${who.length ? ` as infrastructure of ${who.join(', ')}` : ''}.${viaResolver ? ` Down-weighted: ${g.host} resolves names for ${clients} internal clients, and these are their lookups.` : viaProxy ? ` Down-weighted: ${g.host} is a web proxy, and this is its clients' traffic.` : ''}`,
        links: [...links.values()],
      });
    }
    return findings;
  },
};
