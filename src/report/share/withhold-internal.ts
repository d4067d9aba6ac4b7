import { isIP } from 'node:net';
import type { AttributedIncident } from '../report-format.js';
import type { InternalAddresses } from './internal-addresses.js';

/** How many internal addresses an export replaced by references. */
export interface WithheldAddresses {
  readonly hosts: number;
  readonly others: number;
}

// Candidates only: each is checked with isIP, so times (`05:50:00`) and versions stay as they are.
const ipv4Like = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]*\d)/g;
const ipv6Like = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?![\w:])/g;

/**
 * Replaces every internal address in the incidents by an anonymous reference: `internal-host-N`
 * for the incidents' hosts (numbered in the order the incidents list them, one number per address
 * across the whole export, so findings, timeline and hosts still line up) and `internal-address-N`
 * for other internal addresses. Every string is rewritten, wherever it sits (hosts, findings,
 * timeline, servers, summaries, explanations, evidence, notes), so a field added later cannot leak.
 */
export function withholdInternal(
  items: readonly AttributedIncident[],
  internal: InternalAddresses,
): { items: AttributedIncident[]; withheld: WithheldAddresses } {
  const refs = new Map<string, string>();
  let hosts = 0;
  let others = 0;
  for (const { incident } of items)
    for (const h of incident.hosts) if (!refs.has(h.ip)) refs.set(h.ip, `internal-host-${++hosts}`);
  const refOf = (address: string): string | null => {
    if (isIP(address) === 0 || !internal.has(address)) return null;
    let ref = refs.get(address);
    if (!ref) {
      ref = internal.isHost(address) ? `internal-host-${++hosts}` : `internal-address-${++others}`;
      refs.set(address, ref);
    }
    return ref;
  };
  const text = (s: string): string => {
    const whole = refOf(s);
    if (whole) return whole;
    return s
      .replace(ipv4Like, (m) => refOf(m) ?? m)
      .replace(ipv6Like, (m) => (m.includes('::') || m.split(':').length > 3 ? (refOf(m) ?? m) : m));
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
    return v;
  };
  const out = items.map((i) => walk(i) as AttributedIncident);
  return { items: out, withheld: { hosts, others } };
}
