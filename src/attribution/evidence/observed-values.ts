import { matchesIndicators } from '../../detect/detector-properties.js';
import type { Incident, IncidentServer } from '../../domain/incident.js';
import { detectIndicator } from '../../intel/indicators/normalize.js';

/** A value seen in the incident that may be in the knowledge base, with the server it belongs to. */
export interface ObservedValue {
  readonly value: string;
  /** Indicator type it reads as (`ipv4`, `domain`, `sha256`…). */
  readonly type: string;
  readonly server: IncidentServer | null;
}

function serverOf(incident: Incident, ip: string | null, domain: string | null): IncidentServer | null {
  return (
    incident.servers.find(
      (s) => (ip !== null && s.ips.includes(ip)) || (domain !== null && s.domains.includes(domain)),
    ) ?? null
  );
}

/**
 * Every address and name of the incident's servers, and the values that indicator matches (threat
 * intel) hit (hashes of downloaded files, fingerprints, URLs), each once.
 */
export function observedValues(incident: Incident): ObservedValue[] {
  const out = new Map<string, ObservedValue>();
  const add = (raw: string, server: IncidentServer | null) => {
    const n = detectIndicator(raw);
    if (!n.ok || out.has(n.value)) return;
    out.set(n.value, { value: n.value, type: n.type, server });
  };
  for (const s of incident.servers) for (const v of [...s.domains, ...s.ips]) add(v, s);
  for (const f of incident.findings) {
    const matched = f.stats['indicators'];
    if (!matchesIndicators(f) || !Array.isArray(matched)) continue;
    const server = serverOf(incident, f.endpointIp, f.endpointDomain);
    for (const v of matched) if (typeof v === 'string') add(v, server);
  }
  return [...out.values()];
}
