import type { Store } from '../store/store.js';
import { type Finding, severityOf } from './finding.js';

/** How much a finding on a benign warninglisted destination keeps of its score. */
export const warninglistWeight = 0.3;

/**
 * Down-weights and labels findings whose endpoint is on a benign MISP warninglist (public resolvers,
 * CDN and cloud ranges, top sites). They are kept, not dropped, so a C2 hidden in a cloud range is
 * still visible; threat-intel findings are left as they are, because a live indicator wins.
 */
export async function labelWarninglisted(store: Store, findings: readonly Finding[]): Promise<Finding[]> {
  const values = findings
    .filter((f) => f.detector !== 'threat-intel')
    .flatMap((f) => [f.endpointIp, f.endpointDomain])
    .filter((v): v is string => typeof v === 'string');
  const lists = await store.intel.warninglistsOf(values);
  if (lists.size === 0) return [...findings];
  return findings.map((f) => {
    if (f.detector === 'threat-intel') return f;
    const on = [
      ...new Set([
        ...(lists.get(f.endpointIp ?? '') ?? []),
        ...(lists.get((f.endpointDomain ?? '').toLowerCase()) ?? []),
      ]),
    ].sort();
    if (on.length === 0) return f;
    const score = Math.round(f.score * warninglistWeight * 1000) / 1000;
    return {
      ...f,
      score,
      severity: severityOf(score),
      stats: { ...f.stats, warninglists: on, scoreBeforeWarninglist: f.score },
      explanation: `${f.explanation} Down-weighted: the destination is on the ${on.join(', ')} warninglist${on.length > 1 ? 's' : ''}.`,
    };
  });
}
