import type { InternalNetworks } from '../internal-networks.js';
import type { IndicatorMatch } from './intel-match-query.js';

const isIp = (v: string) => /^[0-9.]+$/.test(v) || v.includes(':');

/** Which side of a match is the monitored host, and what the external endpoint is. */
function sides(
  m: IndicatorMatch,
  internal: InternalNetworks,
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

export type MatchGroup = { host: string; ip: string | null; domain: string | null; ms: IndicatorMatch[] };
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

/**
 * The matches grouped into one story per host and server: a DNS name, its answer and the
 * connection are one; downloads through a web proxy are stitched to the server the proxy reached.
 */
export function groupMatches(
  matches: readonly IndicatorMatch[],
  internal: InternalNetworks,
  proxies: ReadonlySet<string>,
): MatchGroup[] {
  // One finding per host and server: the DNS name, its answer and the connection are one story.
  const groups = new Map<string, MatchGroup>();
  const placed = matches.map((m) => ({ m, s: sides(m, internal) }));
  for (const { m, s } of placed.filter((p) => p.s.ip !== null)) {
    // An inside endpoint is a web proxy: each name asked through it is a server of its own, and
    // files fetched through it (no name) wait to be stitched to the server the proxy reached.
    const inside = internal.has(s.ip);
    const key = `${s.host}\u0000${s.ip}${inside ? `\u0000${s.domain ?? ''}` : ''}`;
    const g = groups.get(key) ?? { ...s, ms: [] };
    g.domain ??= s.domain;
    g.ms.push(m);
    groups.set(key, g);
  }
  const byDomain = new Map<string, MatchGroup>();
  for (const g of groups.values()) if (g.domain !== null) byDomain.set(`${g.host}\u0000${g.domain}`, g);
  for (const { m, s } of placed.filter((p) => p.s.ip === null)) {
    const same = s.domain === null ? undefined : byDomain.get(`${s.host}\u0000${s.domain}`);
    const key = `${s.host}\u0000${s.domain ?? m.observed}`;
    const g = same ?? groups.get(key) ?? { ...s, ms: [] };
    g.ms.push(m);
    if (!same) groups.set(key, g);
  }
  stitchProxiedDownloads(groups, proxies);
  return [...groups.values()];
}
