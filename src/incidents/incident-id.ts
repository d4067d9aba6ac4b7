import { createHash } from 'node:crypto';

/**
 * `INC-` and 8 hex digits of a hash of the scope (when there is one), the sorted hosts and server
 * keys: the same intrusion keeps its id, and two networks with the same addresses get two ids.
 */
export function incidentId(hosts: readonly string[], serverKeys: readonly string[], scope?: string): string {
  const text = `${scope ? `${scope}|` : ''}${[...hosts].sort().join(',')}|${[...serverKeys].sort().join(',')}`;
  return `INC-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}
