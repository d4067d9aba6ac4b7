import { createHash } from 'node:crypto';

/** `INC-` and 8 hex digits of a hash of the sorted hosts and server keys: the same intrusion keeps its id. */
export function incidentId(hosts: readonly string[], serverKeys: readonly string[]): string {
  const text = `${[...hosts].sort().join(',')}|${[...serverKeys].sort().join(',')}`;
  return `INC-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}
