import type { Finding } from '../../domain/finding.js';

/**
 * A server keyed by name or by port (several addresses, or a proxy) and each of its addresses can all
 * score as beacons; the analyst wants one finding. An address finding goes when a group finding of
 * the same host covers its address and scores at least as high; otherwise it stays, and the group
 * finding adds what it knows.
 */
export function dropCoveredByGroup(findings: readonly Finding[]): Finding[] {
  const groups = findings.filter((f) => f.stats['keyedBy'] !== 'ip');
  if (groups.length === 0) return [...findings];
  return findings.filter((f) => {
    if (f.stats['keyedBy'] !== 'ip') return true;
    return !groups.some(
      (g) =>
        g.host === f.host &&
        g.score >= f.score &&
        ((g.stats['ips'] as readonly string[] | undefined) ?? []).includes(f.endpointIp ?? ''),
    );
  });
}
