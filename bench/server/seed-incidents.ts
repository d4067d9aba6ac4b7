import type { Store } from '../../src/store/store.js';
import { syntheticAttribution, syntheticIncident } from './synthetic-incidents.js';

/**
 * Stores `count` synthetic incidents as one detection run, small ones (1–5 hosts, 1–3 servers),
 * plus the `big` shapes given (hosts × servers, at most as many servers as hosts). Returns the ids of
 * the big ones.
 */
export async function seedIncidents(
  store: Store,
  count: number,
  big: readonly { readonly hosts: number; readonly servers: number }[] = [],
): Promise<string[]> {
  const incidents = [
    ...big.map((b, i) => syntheticIncident(count + i, b.hosts, b.servers)),
    // No more servers than hosts: host i reaches server i, so every server has a finding.
    ...Array.from({ length: count }, (_, n) =>
      syntheticIncident(n, 1 + (n % 5), Math.min(1 + (n % 3), 1 + (n % 5))),
    ),
  ];
  const runId = await store.saveFindings(
    { detectors: ['beaconing', 'long-connections', 'rare-destinations', 'tls-http-oddities'] },
    incidents.flatMap((i) => i.findings),
  );
  // One call: saveIncidents replaces the run's incidents.
  await store.saveIncidents(
    runId,
    incidents.map((incident, n) => ({ incident, attribution: syntheticAttribution(n) })),
  );
  return incidents.slice(0, big.length).map((i) => i.id);
}
