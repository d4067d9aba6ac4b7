import type { Incident } from '../../api/types.js';

/** What one host exchanged with one server of an incident. */
export interface HostServerPair {
  readonly host: string;
  /** The server's key. */
  readonly server: string;
  readonly bytes: number;
}

/**
 * The incident's host–server pairs: its `pairs`, or for incidents stored before pairs existed,
 * one per finding's host and server (matched by the server's addresses and names).
 */
export function incidentPairs(incident: Incident): HostServerPair[] {
  if (incident.pairs && incident.pairs.length > 0) {
    return incident.pairs.map((p) => ({ host: p.host, server: p.server, bytes: p.bytesOut + p.bytesIn }));
  }
  const keyOf = new Map<string, string>();
  for (const s of incident.servers) for (const v of [s.key, ...s.ips, ...s.domains]) keyOf.set(v, s.key);
  const sums = new Map<string, HostServerPair>();
  for (const f of incident.findings) {
    const server =
      (f.endpointDomain && keyOf.get(f.endpointDomain)) || (f.endpointIp && keyOf.get(f.endpointIp));
    if (!server) continue;
    const k = `${f.host}\u0000${server}`;
    const prev = sums.get(k);
    sums.set(k, { host: f.host, server, bytes: (prev?.bytes ?? 0) + (f.bytesOut ?? 0) + (f.bytesIn ?? 0) });
  }
  return [...sums.values()];
}

/** The pairs worth charting: those with a C2 server (all of them when none is C2), heaviest first. */
export function c2Pairs(incident: Incident): HostServerPair[] {
  const roles = new Map(incident.servers.map((s) => [s.key, s.role]));
  const all = incidentPairs(incident);
  const c2 = all.filter((p) => roles.get(p.server) === 'c2');
  return (c2.length > 0 ? c2 : all).sort((a, b) => b.bytes - a.bytes || a.host.localeCompare(b.host));
}
