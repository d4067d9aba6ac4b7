import type { Finding } from '../domain/finding.js';
import type { CorrelateConfig } from './correlate-config.js';
import type { CorrelationFacts } from './correlation-facts.js';

/** A flagged host reaching another on an administration port just before the other's first finding. */
export interface AdminLink {
  readonly from: string;
  readonly to: string;
  readonly ts: string;
  readonly ports: readonly number[];
  readonly bytesOut: number;
  /** Seconds from the connection to the target's first finding. */
  readonly lead: number;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Each host's first strong finding (when its suspicious activity began). */
export function firstFindings(strong: readonly Finding[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const f of strong) {
    const t = first.get(f.host);
    if (t === undefined || f.first < t) first.set(f.host, f.first);
  }
  return first;
}

/**
 * Lateral movement between flagged hosts: A connected to B on an administration port, sending
 * data (a copy, a service start, not a probe), after A's own first finding and shortly before B's;
 * and B is not a server many hosts administer or use (a file server, a domain controller).
 */
export function adminLinks(
  strong: readonly Finding[],
  facts: CorrelationFacts,
  cfg: CorrelateConfig,
): AdminLink[] {
  const first = firstFindings(strong);
  const out: AdminLink[] = [];
  for (const c of facts.adminContacts ?? []) {
    const a = first.get(c.from);
    const b = first.get(c.to);
    if (a === undefined || b === undefined || c.from === c.to) continue;
    const lead = seconds(b) - seconds(c.ts);
    if (seconds(a) > seconds(c.ts) || lead < 0 || lead > cfg.adminLookbackSeconds) continue;
    if (c.bytesOut < cfg.adminMinBytes || c.sources > cfg.adminMaxSources) continue;
    if (!c.ports.some((p) => cfg.adminPorts.includes(p))) continue;
    out.push({ from: c.from, to: c.to, ts: c.ts, ports: c.ports, bytesOut: c.bytesOut, lead });
  }
  return out.sort((x, y) => x.ts.localeCompare(y.ts) || x.from.localeCompare(y.from));
}
