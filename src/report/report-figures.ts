import type { Finding } from '../domain/finding.js';
import type { Incident, IncidentServer } from '../domain/incident.js';

export { formatBytes } from '../format-bytes.js';

/** A probability as a whole percentage, never claiming 0 or 100. */
export function formatPercent(p: number): string {
  const pct = Math.round(p * 100);
  if (p > 0 && pct === 0) return '<1%';
  if (p < 1 && pct === 100) return '>99%';
  return `${pct}%`;
}

/** `2016-06-02 09:14 UTC` from an ISO 8601 time; anything unparsable is returned as it came. */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2016-06-02 09:14` (UTC, for a column headed so) from an ISO 8601 time. */
export function formatMinute(iso: string): string {
  return formatTime(iso).replace(/ UTC$/, '');
}

/** `2016-06-02` from an ISO 8601 time. */
export function formatDay(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
}

/** The server a finding's endpoint belongs to: by address first, then by name. */
export function serverOf(incident: Incident, finding: Finding): IncidentServer | undefined {
  const ip = finding.endpointIp;
  const domain = finding.endpointDomain?.toLowerCase();
  return (
    (ip ? incident.servers.find((s) => s.ips.includes(ip)) : undefined) ??
    (domain ? incident.servers.find((s) => s.domains.some((d) => d.toLowerCase() === domain)) : undefined)
  );
}

/** String-valued finding statistics an analyst wants to see: the attacker-chosen artefacts. */
export const artefactKeys = {
  userAgent: 'User agent',
  uri: 'URI',
  certSubject: 'Certificate subject',
  certIssuer: 'Certificate issuer',
  sni: 'TLS server name',
  fingerprint: 'TLS fingerprint',
  ja3: 'JA3',
  ja3s: 'JA3S',
  signature: 'Signature',
  validation: 'Certificate validation',
} as const;

/** One artefact seen in a finding, with the label its statistic key maps to. */
export interface Artefact {
  readonly label: string;
  readonly value: string;
}

/** Distinct attacker-chosen artefacts across an incident's findings, capped. */
export function incidentArtefacts(incident: Incident, cap = 40): Artefact[] {
  const seen = new Map<string, Artefact>();
  for (const f of incident.findings) {
    for (const [key, label] of Object.entries(artefactKeys)) {
      const raw = f.stats[key];
      const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
      for (const value of values) {
        const id = `${key}\u0000${value}`;
        if (value !== '' && !seen.has(id)) seen.set(id, { label, value });
      }
    }
  }
  return [...seen.values()].slice(0, cap);
}
