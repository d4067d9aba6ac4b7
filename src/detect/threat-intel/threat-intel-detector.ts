import type { IndicatorMatch } from '../../store/intel-store.js';
import type { DetectContext, Detector } from '../detector.js';
import { type Finding, type FindingLink, severityOf } from '../finding.js';
import { intelScore } from './intel-score.js';

/** What a resolver's DNS-only hit keeps of its score: low, so it joins no incident on its own. */
const relayedWeight = 0.4;

const isIp = (v: string) => /^[0-9.]+$/.test(v) || v.includes(':');

/** Which side of a match is the monitored host, and what the external endpoint is. */
function sides(
  m: IndicatorMatch,
  internal: DetectContext['internal'],
): { host: string; ip: string | null; domain: string | null } {
  const named = ['dns.query', 'ssl.server_name', 'http.host'].includes(m.field) ? m.observed : null;
  if (m.field === 'dns.query') return { host: m.origH ?? '', ip: null, domain: m.observed };
  if (m.field === 'dns.answers')
    return {
      host: m.origH ?? '',
      ip: isIp(m.observed) ? m.observed : null,
      domain: isIp(m.observed) ? null : m.observed,
    };
  const origInside = internal.has(m.origH) || !internal.has(m.respH);
  return origInside
    ? { host: m.origH ?? '', ip: m.respH, domain: named }
    : { host: m.respH ?? '', ip: m.origH, domain: named };
}

type MatchGroup = { host: string; ip: string | null; domain: string | null; ms: IndicatorMatch[] };
const isFile = (m: IndicatorMatch) => m.field.startsWith('files.');

/**
 * A download through a web proxy is logged twice: client ← proxy, and proxy ← server. The client's
 * leg names the victim and the proxy's leg the server; a listed file on both is one finding, the
 * client's, at the server (the proxy keeps its other hits, relayed).
 */
function stitchProxiedDownloads(groups: Map<string, MatchGroup>, proxies: ReadonlySet<string>): void {
  for (const [key, pg] of [...groups]) {
    if (!proxies.has(pg.host) || pg.ip === null || !pg.ms.some(isFile)) continue;
    const hashes = new Set(pg.ms.filter(isFile).map((m) => m.indicatorValue));
    const clients = [...groups.values()].filter(
      (g) => g !== pg && g.ip === pg.host && g.ms.some((m) => isFile(m) && hashes.has(m.indicatorValue)),
    );
    if (clients.length === 0) continue;
    for (const c of clients) {
      c.ip = pg.ip;
      c.domain ??= pg.domain;
    }
    pg.ms = pg.ms.filter((m) => !isFile(m));
    if (pg.ms.length === 0) groups.delete(key);
  }
}

/** Telemetry that hits live indicators of the knowledge base, one finding per host and endpoint. */
export const threatIntelDetector: Detector = {
  name: 'threat-intel',
  description: 'connections, DNS, SNI, HTTP, file hashes and fingerprints that hit live indicators',
  techniques: ['T1071', 'T1105'],
  async run(ctx) {
    const matches = await ctx.store.intel.matchIndicators({ from: ctx.from, to: ctx.to });
    // One finding per host and server: the DNS name, its answer and the connection are one story.
    type Group = MatchGroup;
    const groups = new Map<string, Group>();
    const placed = matches.map((m) => ({ m, s: sides(m, ctx.internal) }));
    for (const { m, s } of placed.filter((p) => p.s.ip !== null)) {
      const key = `${s.host}\u0000${s.ip}`;
      const g = groups.get(key) ?? { ...s, ms: [] };
      g.domain ??= s.domain;
      g.ms.push(m);
      groups.set(key, g);
    }
    const byDomain = new Map<string, Group>();
    for (const g of groups.values()) if (g.domain !== null) byDomain.set(`${g.host}\u0000${g.domain}`, g);
    for (const { m, s } of placed.filter((p) => p.s.ip === null)) {
      const same = s.domain === null ? undefined : byDomain.get(`${s.host}\u0000${s.domain}`);

      const key = `${s.host}\u0000${s.domain ?? m.observed}`;
      const g = same ?? groups.get(key) ?? { ...s, ms: [] };
      g.ms.push(m);
      if (!same) groups.set(key, g);
    }
    // A resolver's DNS hits repeat the lookups of the clients behind it, and a web proxy's own
    // connections carry its clients' requests: those clients have findings of their own.
    const window = { internal: ctx.internal.ranges, from: ctx.from, to: ctx.to };
    const resolvers = await ctx.store.detect.dnsResolvers(window);
    const proxies = new Set(await ctx.store.detect.internalProxies(window));
    stitchProxiedDownloads(groups, proxies);
    const findings: Finding[] = [];
    for (const g of groups.values()) {
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
