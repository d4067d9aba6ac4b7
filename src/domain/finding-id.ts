import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';

/**
 * A finding's stable id: `F-` and the first 12 hex digits of SHA-256 over its scope, detector, host
 * and endpoint, so the same relation found by a later hunt keeps its id (scores and times may change).
 */
export function findingId(
  f: Pick<Finding, 'scope' | 'detector' | 'host' | 'endpointIp' | 'endpointDomain'>,
): string {
  // A unit separator keeps ("a,b", "c") and ("a", "b,c") apart.
  const key = [f.scope ?? '', f.detector, f.host, f.endpointIp ?? '', f.endpointDomain ?? ''].join('\u001f');
  return `F-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** True for text shaped like a finding id (`F-` and 12 hex digits, any case). */
export function isFindingId(text: string): boolean {
  return /^F-[0-9a-f]{12}$/i.test(text);
}
