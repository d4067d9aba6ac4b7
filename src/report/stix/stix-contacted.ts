import type { Finding } from '../../domain/finding.js';

const normal = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

/**
 * The names the telemetry shows were contacted (looked up, or named in SNI, Host or a CONNECT),
 * as the findings report them. A finding that lists the names it grouped (`stats.names`, e.g. rare
 * destinations counting `sites.google.com` under `google.com`) vouches for those names only, not
 * for the registered domain it grouped them under: that domain may be a hosting service shared by
 * thousands of owners, and an indicator for it would flag them all. A finding without such a list
 * (a beacon, a DNS tunnel's base domain, an intel match) vouches for its endpoint name.
 */
export function contactedNames(findings: readonly Finding[]): Set<string> {
  const names = new Set<string>();
  for (const f of findings) {
    const listed = f.stats['names'];
    const grouped = Array.isArray(listed) ? listed.map((n) => normal(String(n))) : null;
    for (const n of grouped ?? []) names.add(n);
    if (f.endpointDomain && (grouped === null || grouped.includes(normal(f.endpointDomain))))
      names.add(normal(f.endpointDomain));
  }
  return names;
}
