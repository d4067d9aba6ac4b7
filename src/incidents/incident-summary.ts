import { formatBytes } from '../format-bytes.js';
import { plural } from '../plural.js';

const count = plural;
const day = (iso: string) => iso.slice(0, 10);

/**
 * The incident in one plain sentence: who, how much, with whom, when. Servers the hosts only
 * downloaded payloads from are told apart at the end, so the count is of the servers they talked to.
 */
export function incidentSummary(x: {
  readonly hosts: number;
  readonly servers: number;
  /** How many of the servers only delivered payloads. */
  readonly delivery?: number;
  readonly findings: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}): string {
  const from = day(x.firstSeen);
  const to = day(x.lastSeen);
  const when = from === to ? `on ${from}` : `between ${from} and ${to}`;
  const who = count(x.hosts, 'internal host');
  if (x.servers === 0)
    return `${who} ${x.hosts === 1 ? 'was' : 'were'} flagged by ${count(x.findings, 'finding')} ${when}.`;
  const delivery = x.delivery ?? 0;
  const apart = delivery > 0 && delivery < x.servers;
  const whom = count(apart ? x.servers - delivery : x.servers, 'external server');
  const tail = apart ? `, and downloaded payloads from ${count(delivery, 'more server')}` : '';
  const total = x.bytesOut + x.bytesIn;
  if (total <= 0) return `${who} contacted ${whom} ${when}${tail}.`;
  return `${who} exchanged ${formatBytes(total)} (${formatBytes(x.bytesOut)} outbound) with ${whom} ${when}${tail}.`;
}
