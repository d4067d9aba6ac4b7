import { isIP } from 'node:net';
import type { Incident, ServerRole } from '../domain/incident.js';
import type { AttributedIncident } from './report-format.js';
import { contactedNames } from './stix/stix-contacted.js';

/** Kinds of indicator a block list carries. */
export const blockKinds = ['domain', 'ip', 'sha256', 'sha1', 'md5'] as const;
export type BlockKind = (typeof blockKinds)[number];

/** One value to block or hunt for, with where it came from. */
export interface BlockIndicator {
  readonly kind: BlockKind;
  /** As seen (attacker-controlled: every output escapes it in its own way). */
  readonly value: string;
  /** The incident server it belongs to; null for a file hash. */
  readonly server: string | null;
  /** The server's role, or `file` for a hash. */
  readonly role: ServerRole | 'file';
}

const hashKinds: readonly [BlockKind, RegExp][] = [
  ['sha256', /^[0-9a-f]{64}$/i],
  ['sha1', /^[0-9a-f]{40}$/i],
  ['md5', /^[0-9a-f]{32}$/i],
];

function strings(v: unknown): string[] {
  return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
}

/** Hash-shaped values of the incident's findings: downloaded files and matched file indicators. */
export function incidentHashes(incident: Incident): BlockIndicator[] {
  const out = new Map<string, BlockIndicator>();
  for (const f of incident.findings) {
    const values = [
      ...strings(f.stats['sha256']),
      ...strings(f.stats['sha1']),
      ...strings(f.stats['md5']),
      // The threat-intel detector lists the indicators it matched; file hashes among them count.
      ...strings(f.stats['indicators']),
    ];
    for (const raw of values) {
      const kind = hashKinds.find(([, shape]) => shape.test(raw))?.[0];
      const value = raw.toLowerCase();
      if (kind && !out.has(value)) out.set(value, { kind, value, server: null, role: 'file' });
    }
  }
  return [...out.values()];
}

/**
 * What an analyst should block or hunt for: the names and addresses of the incident's servers
 * (command and control, delivery, exfiltration), except servers on a benign warninglist (blocking
 * a cloud provider's address blocks everyone on it), and the hashes of files linked to it.
 * Addresses that are not addresses are left out; names are kept as seen, for each output to escape.
 */
export function incidentIndicators(incident: Incident): BlockIndicator[] {
  const out: BlockIndicator[] = [];
  const seen = new Set<string>();
  const add = (x: BlockIndicator) => {
    const id = `${x.kind}\u0000${x.value.toLowerCase()}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(x);
    }
  };
  const groupedOnly = groupingDomains(incident);
  for (const s of incident.servers) {
    if (s.warninglists.length > 0) continue;
    for (const d of s.domains)
      if (blockableName(d) && !groupedOnly.has(d.toLowerCase()))
        add({ kind: 'domain', value: d, server: s.key, role: s.role });
    for (const ip of s.ips) if (isIP(ip)) add({ kind: 'ip', value: ip, server: s.key, role: s.role });
  }
  for (const h of incidentHashes(incident)) add(h);
  return out;
}

/**
 * Registered domains a detector only grouped contacted names under (rare destinations counts
 * `sites.google.com` under `google.com`): that domain may be a hosting service shared by thousands,
 * and a rule for it would block them all. Names the telemetry shows were contacted are kept.
 */
function groupingDomains(incident: Incident): Set<string> {
  const contacted = contactedNames(incident.findings);
  const out = new Set<string>();
  for (const f of incident.findings) {
    const d = f.endpointDomain?.toLowerCase();
    if (d && Array.isArray(f.stats['names']) && !contacted.has(d)) out.add(d);
  }
  return out;
}

/** A name of at least two labels, none empty or a wildcard: never a bare TLD (`com`) or `*.x`. */
export function blockableName(name: string): boolean {
  const labels = name.replace(/\.$/, '').split('.');
  return labels.length >= 2 && labels.every((l) => l.trim() !== '' && l !== '*');
}

/**
 * True when a report must not tell anyone to block or isolate anything for this incident: the
 * verdict says it is likely a look-alike (unless an analyst confirmed it), or an analyst triaged it
 * as benign.
 */
export function isBenignForReport(item: Pick<AttributedIncident, 'incident' | 'triage'>): boolean {
  // An analyst's decision outranks the verdict: a confirmed look-alike is reported as an intrusion.
  if (item.triage?.status === 'benign') return true;
  return item.incident.verdict === 'likely-benign' && item.triage?.status !== 'true-positive';
}

/** The block list of one report item: empty for an incident that is likely or marked benign. */
export function blockListOf(item: Pick<AttributedIncident, 'incident' | 'triage'>): BlockIndicator[] {
  return isBenignForReport(item) ? [] : incidentIndicators(item.incident);
}
