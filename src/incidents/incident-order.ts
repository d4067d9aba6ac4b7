import { severities } from '../domain/finding.js';
import { type Incident, isLikelyBenign } from '../domain/incident.js';

const rank = (i: Pick<Incident, 'severity'>) => severities.indexOf(i.severity);

/**
 * The order incidents are listed and reported in: suspicious ones first, by severity, score, hosts,
 * servers and bytes; then the likely-benign look-alikes, in the same order among themselves; ties
 * by id, so the order is the same on every run.
 */
export function compareIncidents(
  a: Pick<Incident, 'verdict' | 'severity' | 'score' | 'hosts' | 'servers' | 'bytesOut' | 'bytesIn' | 'id'>,
  b: Pick<Incident, 'verdict' | 'severity' | 'score' | 'hosts' | 'servers' | 'bytesOut' | 'bytesIn' | 'id'>,
): number {
  return (
    Number(isLikelyBenign(a)) - Number(isLikelyBenign(b)) ||
    rank(b) - rank(a) ||
    b.score - a.score ||
    b.hosts.length - a.hosts.length ||
    b.servers.length - a.servers.length ||
    b.bytesOut + b.bytesIn - (a.bytesOut + a.bytesIn) ||
    a.id.localeCompare(b.id)
  );
}
