import type { Incident } from '../domain/incident.js';
import { tryIpRange } from '../net/ip-range.js';

/** Where a searched value appears in an incident: as one of its hosts, its servers, or in a finding. */
export type ValueRole = 'host' | 'server' | 'finding';

/**
 * The roles a normalised value (as `detectIndicator` gives it) plays in an incident: an address is a
 * host or a server (a CIDR holds one), a domain names a server or is a parent of its name, a URL's
 * host does the same; any other value (a hash, a JA3) counts when a finding quotes it.
 */
export function rolesOfValue(incident: Incident, type: string, value: string): ValueRole[] {
  const v = value.toLowerCase();
  const roles: ValueRole[] = [];
  if (type === 'ipv4' || type === 'ipv6' || type === 'cidr') {
    const q = tryIpRange(v);
    if (!q) return roles;
    const inside = (ip: string) => {
      const r = tryIpRange(ip);
      return r !== null && r.v === q.v && r.lo >= q.lo && r.hi <= q.hi;
    };
    if (incident.hosts.some((h) => inside(h.ip))) roles.push('host');
    if (incident.servers.some((s) => s.ips.some(inside))) roles.push('server');
    return roles;
  }
  const host = type === 'url' ? hostOfUrl(v) : type === 'domain' ? v : null;
  if (host) {
    const named = (d: string) => {
      const n = d.toLowerCase().replace(/\.$/, '');
      return n === host || n.endsWith(`.${host}`);
    };
    if (incident.servers.some((s) => s.domains.some(named))) roles.push('server');
    return roles;
  }
  if (JSON.stringify(incident.findings).toLowerCase().includes(v)) roles.push('finding');
  return roles;
}

function hostOfUrl(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '') || null;
  } catch {
    return null;
  }
}
