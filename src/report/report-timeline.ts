import type { Finding } from '../domain/finding.js';
import type { Incident, IncidentHost, IncidentServer, TimelineEntry } from '../domain/incident.js';
import { serverOf } from './report-figures.js';

/** A host's part in the incident: its table row and the server it first contacted. */
export interface HostStep {
  readonly host: IncidentHost;
  readonly firstServer: string | null;
  /** The detector that saw that first contact. */
  readonly via: string | null;
  /** Lateral movement into this host just before its first suspicious connection, if seen. */
  readonly reachedFrom: TimelineEntry | null;
}

/**
 * The incident told per host, in order of first compromise: one row each, from the host table and
 * its earliest finding. The report shows this instead of one line per finding, so
 * the timeline does not repeat the findings (those are listed once, in the appendix).
 */
export function hostSteps(incident: Incident): HostStep[] {
  const earliest = new Map<string, Finding>();
  for (const f of incident.findings) {
    const e = earliest.get(f.host);
    if (!e || f.first < e.first) earliest.set(f.host, f);
  }
  const lateral = lateralSteps(incident);
  return [...incident.hosts]
    .sort((a, b) => a.firstCompromise.localeCompare(b.firstCompromise) || a.ip.localeCompare(b.ip))
    .map((host) => {
      const f = earliest.get(host.ip);
      return {
        host,
        firstServer: f ? (serverOf(incident, f)?.key ?? null) : null,
        via: f?.detector ?? null,
        reachedFrom: lateral.find((t) => lateralTarget(t) === host.ip) ?? null,
      };
    });
}

/** The host a lateral-movement entry moved to ("A connected to B on port …", our own sentence). */
export function lateralTarget(t: TimelineEntry): string | null {
  return / connected to (\S+) on port /.exec(t.text)?.[1] ?? null;
}

/** Lateral movement between the incident's hosts, from the timeline. */
export function lateralSteps(incident: Incident): TimelineEntry[] {
  return incident.timeline.filter((t) => t.detector === 'lateral-movement');
}

/** A server's part in the incident: its row and how many of the incident's hosts reached it. */
export interface ServerStep {
  readonly server: IncidentServer;
  readonly hosts: number;
}

/** The incident's servers in order of first contact, with how many hosts reached each. */
export function serverSteps(incident: Incident): ServerStep[] {
  const hosts = new Map<string, Set<string>>();
  const add = (server: string, host: string) => {
    const set = hosts.get(server) ?? new Set<string>();
    set.add(host);
    hosts.set(server, set);
  };
  for (const p of incident.pairs ?? []) add(p.server, p.host);
  if (!incident.pairs)
    for (const f of incident.findings) {
      const s = serverOf(incident, f);
      if (s) add(s.key, f.host);
    }
  return [...incident.servers]
    .map((server, i) => ({ server, hosts: hosts.get(server.key)?.size ?? 0, i }))
    .sort((a, b) => a.server.first.localeCompare(b.server.first) || a.i - b.i)
    .map(({ server, hosts: n }) => ({ server, hosts: n }));
}
