// Runs mamori's detectors and the RITA-style baseline over one ingested store and scores both
// against the ground truth.
import { type ConnectionSeries, connectionSeries } from '../../src/detect/beaconing/beaconing-query.js';
import type { TruthPair, TruthScore } from '../../src/detect/evaluation/ground-truth.js';
import { scoreAgainstTruth } from '../../src/detect/evaluation/ground-truth.js';
import { InternalNetworks } from '../../src/detect/internal-networks.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import { severityOf } from '../../src/domain/finding.js';
import type { Store } from '../../src/store/store.js';
import { ritaStyleScore } from './rita-baseline.js';

export interface Evaluation {
  readonly ours: TruthScore;
  readonly baseline: TruthScore;
  readonly detectSeconds: number;
  readonly findings: readonly Finding[];
}

/** The baseline's findings: address series only, last 24 hours, ranked by the RITA-style score. */
export async function baselineFindings(store: Store, internal?: readonly string[]): Promise<Finding[]> {
  const nets = new InternalNetworks(internal);
  const series: ConnectionSeries[] = [];
  for await (const page of connectionSeries(store.analytics, { minConnections: 6, internal: nets.ranges }))
    for (const s of page) if (s.keyedBy === 'ip') series.push(s);
  const end = Math.max(0, ...series.map((s) => s.times[s.times.length - 1] ?? 0));
  return series
    .map((s): Finding => {
      const score = ritaStyleScore(s, end);
      return {
        // A baseline for comparison, not a registry detector: only the bench's scoring reads it.
        detector: 'rita-style' as Finding['detector'],
        techniques: [],
        host: s.origH,
        endpointIp: s.ips[0] ?? null,
        endpointDomain: null,
        first: s.first,
        last: s.last,
        connections: s.connections,
        bytesOut: s.bytesOut,
        bytesIn: s.bytesIn,
        score,
        severity: severityOf(score),
        stats: {},
        explanation: '',
        links: [],
      };
    })
    .filter((f) => f.score > 0)
    .sort((a, b) => b.score - a.score || b.connections - a.connections);
}

export async function evaluateStore(
  store: Store,
  truth: readonly TruthPair[],
  internal?: readonly string[],
): Promise<Evaluation> {
  const t0 = performance.now();
  const run = await runDetectors({ store, internal });
  const detectSeconds = (performance.now() - t0) / 1000;
  const base = await baselineFindings(store, internal);
  return {
    ours: scoreAgainstTruth(run.findings, truth),
    baseline: scoreAgainstTruth(base, truth),
    detectSeconds,
    findings: run.findings,
  };
}
