import { evidenceKindOf, isLeadIn, serverRoleOf } from '../detect/detector-properties.js';
import { type Finding, type FindingLink, severityOf } from '../domain/finding.js';
import type { Incident, IncidentHost, IncidentServer, ServerRole } from '../domain/incident.js';
import type { AdminLink } from './admin-links.js';
import { type CorrelateConfig, isStrong } from './correlate-config.js';
import type { CorrelationFacts } from './correlation-facts.js';
import { incidentId } from './incident-id.js';
import { incidentSummary } from './incident-summary.js';
import { incidentTimeline } from './incident-timeline.js';
import { lookAlikeVerdict } from './look-alike.js';
import { type HostServerTraffic, hostServerTraffic } from './pair-traffic.js';
import type { ServerIdentity } from './server-identity.js';

const minIso = (xs: readonly string[]) => [...xs].sort()[0] ?? '';
const maxIso = (xs: readonly string[]) => [...xs].sort().at(-1) ?? '';
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The best finding's score, raised for each further independent kind of evidence (a schedule, the
 * content, an indicator, lateral movement…): several kinds agreeing make an intrusion likelier than
 * many findings of one kind.
 */
export function incidentScore(strong: readonly Finding[], lateral: boolean, cfg: CorrelateConfig): number {
  const best = Math.max(0, ...strong.map((f) => f.score));
  const kinds = new Set(strong.map(evidenceKindOf));
  if (lateral) kinds.add('lateral');
  const gain = 1 - (1 - cfg.corroborationGain) ** Math.max(0, kinds.size - 1);
  return Math.round(Math.min(0.99, best + (1 - best) * gain) * 1000) / 1000;
}

/**
 * A payload download: a lead-in detector's finding (payload-delivery), or one whose detector gives
 * its server the delivery role (an indicator match on listed files and nothing else).
 */
const isDownload = (f: Finding, cfg: CorrelateConfig) =>
  cfg.leadInDetectors.includes(f.detector) ||
  // A lead-in detector's role follows the config's list, so removing it there takes the role away.
  (!isLeadIn(f) && serverRoleOf(f) === 'delivery');

function roleOf(findings: readonly Finding[], cfg: CorrelateConfig): ServerRole {
  if (findings.length > 0 && findings.every((f) => isDownload(f, cfg))) return 'delivery';
  if (findings.length > 0 && findings.every((f) => serverRoleOf(f) === 'exfiltration')) return 'exfiltration';
  return 'c2';
}

function serverOf(pairs: readonly HostServerTraffic[], cfg: CorrelateConfig): IncidentServer {
  const s = (pairs[0] as HostServerTraffic).server;
  return {
    key: s.key,
    role: roleOf(
      pairs.flatMap((p) => p.findings),
      cfg,
    ),
    ips: s.ips,
    domains: s.domains,
    ports: [...new Set(pairs.flatMap((p) => p.ports))].sort((a, b) => a - b),
    protocols: [...new Set(pairs.flatMap((p) => p.protocols))].sort(),
    first: minIso(pairs.map((p) => p.first)),
    last: maxIso(pairs.map((p) => p.last)),
    bytesOut: sum(pairs.map((p) => p.bytesOut)),
    bytesIn: sum(pairs.map((p) => p.bytesIn)),
    mergedBy: [...s.mergedBy],
    warninglists: s.warninglists,
  };
}

/** Fills every field of one incident from its hosts' findings (strong and attached weak ones). */
export function assembleIncident(x: {
  readonly findings: readonly Finding[];
  readonly admin: readonly AdminLink[];
  readonly identity: ServerIdentity;
  readonly facts: CorrelationFacts;
  readonly cfg: CorrelateConfig;
}): Incident {
  const findings = [...x.findings].sort(
    (a, b) => b.score - a.score || a.first.localeCompare(b.first) || a.host.localeCompare(b.host),
  );
  const strong = findings.filter((f) => isStrong(f, x.cfg.minScore));
  const pairs = hostServerTraffic(findings, x.identity, x.facts);
  const bestOf = (ps: readonly HostServerTraffic[]) =>
    Math.max(0, ...ps.flatMap((p) => p.findings.map((f) => f.score)));
  const byServer = new Map<string, HostServerTraffic[]>();
  for (const p of pairs) {
    const list = byServer.get(p.server.id) ?? [];
    list.push(p);
    byServer.set(p.server.id, list);
  }
  const servers = [...byServer.values()]
    .sort(
      (a, b) =>
        bestOf(b) - bestOf(a) ||
        b.length - a.length ||
        sum(b.map((p) => p.bytesOut + p.bytesIn)) - sum(a.map((p) => p.bytesOut + p.bytesIn)) ||
        (a[0]?.server.key ?? '').localeCompare(b[0]?.server.key ?? ''),
    )
    .map((ps) => serverOf(ps, x.cfg));

  const hostIps = [...new Set(findings.map((f) => f.host))];
  const hosts: IncidentHost[] = hostIps
    .map((ip) => {
      const own = findings.filter((f) => f.host === ip);
      const traffic = pairs.filter((p) => p.host === ip);
      return {
        ip,
        firstCompromise: minIso(own.map((f) => f.first)),
        lastActivity: maxIso(own.map((f) => f.last)),
        findings: own.length,
        bytesOut: sum(traffic.map((p) => p.bytesOut)),
        bytesIn: sum(traffic.map((p) => p.bytesIn)),
      };
    })
    .sort(
      (a, b) =>
        a.firstCompromise.localeCompare(b.firstCompromise) ||
        a.ip.localeCompare(b.ip, 'en', { numeric: true }),
    );

  const links = new Map<string, FindingLink>();
  for (const f of findings) for (const l of f.links) links.set(l.id, l);
  const score = incidentScore(strong, x.admin.length > 0, x.cfg);
  const bytesOut = sum(hosts.map((h) => h.bytesOut));
  const bytesIn = sum(hosts.map((h) => h.bytesIn));
  const firstSeen = minIso(findings.map((f) => f.first));
  const lastSeen = maxIso(findings.map((f) => f.last));
  const verdict = lookAlikeVerdict({ findings, servers: servers.length, lateral: x.admin.length > 0 });
  return {
    id: incidentId(
      hosts.map((h) => h.ip),
      servers.map((s) => s.key),
    ),
    summary: incidentSummary({
      hosts: hosts.length,
      servers: servers.length,
      delivery: servers.filter((s) => s.role === 'delivery').length,
      findings: findings.length,
      bytesOut,
      bytesIn,
      firstSeen,
      lastSeen,
    }),
    hosts,
    servers,
    firstSeen,
    lastSeen,
    bytesOut,
    bytesIn,
    techniques: [...new Set(findings.flatMap((f) => f.techniques))].sort(),
    score,
    severity: severityOf(score),
    links: [...links.values()].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name)),
    findings,
    timeline: incidentTimeline({
      findings,
      serverKeyOf: (f) => x.identity.primaryOf(f)?.key ?? x.identity.serversOf(f)[0]?.key ?? null,
      admin: x.admin,
      adminWeight: x.cfg.adminLinkWeight,
      cap: x.cfg.timelineCap,
    }),
    verdict: verdict.verdict,
    verdictReasons: verdict.reasons,
    pairs: pairs.map((p) => ({
      host: p.host,
      server: p.server.key,
      bytesOut: p.bytesOut,
      bytesIn: p.bytesIn,
    })),
  };
}
