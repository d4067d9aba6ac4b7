import { type Finding, type Severity, severities, severityOf } from '../domain/finding.js';
import type { TimelineEntry } from '../domain/incident.js';
import { formatBytes } from '../format-bytes.js';
import type { AdminLink } from './admin-links.js';

const rank = (s: Severity) => severities.indexOf(s);
const order: Record<string, number> = { 'first-contact': 0, 'lateral-movement': 1 };

/**
 * The incident as it happened: each host's first contact with the incident's servers, lateral
 * movement between its hosts, and one entry per finding, by time. Past `cap` entries the
 * lowest-scored findings are left out; first contacts and lateral movement always stay.
 */
export function incidentTimeline(x: {
  readonly findings: readonly Finding[];
  readonly serverKeyOf: (f: Finding) => string | null;
  readonly admin: readonly AdminLink[];
  readonly adminWeight: number;
  readonly cap: number;
}): TimelineEntry[] {
  const byHost = new Map<string, Finding[]>();
  for (const f of x.findings) {
    const list = byHost.get(f.host) ?? [];
    list.push(f);
    byHost.set(f.host, list);
  }
  const fixed: TimelineEntry[] = [];
  for (const [host, fs] of byHost) {
    const earliest = [...fs].sort((a, b) => a.first.localeCompare(b.first))[0] as Finding;
    const worst = fs.map((f) => f.severity).sort((a, b) => rank(b) - rank(a))[0] as Severity;
    const server = x.serverKeyOf(earliest);
    fixed.push({
      ts: earliest.first,
      host,
      server,
      detector: 'first-contact',
      severity: worst,
      text: server
        ? `${host} first contacted ${server} (${earliest.detector}).`
        : `${host} first showed suspicious activity (${earliest.detector}).`,
    });
  }
  for (const l of x.admin)
    fixed.push({
      ts: l.ts,
      host: l.from,
      server: null,
      detector: 'lateral-movement',
      severity: severityOf(x.adminWeight),
      text: `${l.from} connected to ${l.to} on port ${l.ports.join(', ')} (${formatBytes(l.bytesOut)} sent), ${Math.round(l.lead / 60)} min before ${l.to}'s first suspicious connection.`,
    });
  const room = Math.max(0, x.cap - fixed.length);
  const kept = [...x.findings]
    .sort((a, b) => b.score - a.score || a.first.localeCompare(b.first))
    .slice(0, room)
    .map((f) => ({
      ts: f.first,
      host: f.host,
      server: x.serverKeyOf(f),
      detector: f.detector,
      severity: f.severity,
      text: f.explanation,
    }));
  return [...fixed, ...kept].sort(
    (a, b) =>
      a.ts.localeCompare(b.ts) ||
      (order[a.detector] ?? 2) - (order[b.detector] ?? 2) ||
      a.host.localeCompare(b.host),
  );
}
