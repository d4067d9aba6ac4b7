import type { Store } from '../store/store.js';
import type { Allowlist } from './allowlist.js';
import { applyCorroboration, downWeightProxies } from './corroboration.js';
import type { Finding } from './finding.js';
import { InternalNetworks } from './internal-networks.js';
import { type DetectorName, detectorNames, detectors } from './registry.js';
import { labelWarninglisted } from './suppression.js';

/** How to run detection. */
export interface RunDetectorsOptions {
  readonly store: Store;
  /** Only these detectors (default: all). */
  readonly only?: readonly DetectorName[];
  /** CIDRs of the monitored network (default RFC 1918 and friends). */
  readonly internal?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly signal?: AbortSignal;
  readonly onDetector?: (name: DetectorName) => void;
  /** Destinations the user allows; their findings are left out (and counted). */
  readonly allowlist?: Allowlist;
}

/** What a run found, ranked. */
export interface DetectRun {
  readonly runId: number;
  readonly findings: readonly Finding[];
  readonly detectors: readonly { name: DetectorName; findings: number; seconds: number }[];
  /** Findings left out because their destination is on the user's allowlist. */
  readonly allowlisted: number;
}

/** Runs the detectors over the stored telemetry, ranks the findings by score and stores them. */
export async function runDetectors(opts: RunDetectorsOptions): Promise<DetectRun> {
  const internal = new InternalNetworks(opts.internal);
  const names = opts.only && opts.only.length > 0 ? opts.only : detectorNames;
  const all: Finding[] = [];
  const perDetector: { name: DetectorName; findings: number; seconds: number }[] = [];
  for (const name of names) {
    if (opts.signal?.aborted) break;
    opts.onDetector?.(name);
    const started = performance.now();
    const found = await detectors[name].run({
      store: opts.store,
      internal,
      from: opts.from,
      to: opts.to,
      signal: opts.signal,
    });
    all.push(...found);
    perDetector.push({ name, findings: found.length, seconds: (performance.now() - started) / 1000 });
  }
  // A live indicator outranks the user's allowlist, as it outranks warninglists.
  const dropped = (f: Finding) => f.detector !== 'threat-intel' && (opts.allowlist?.allows(f) ?? false);
  const allowed = all.filter(dropped);
  const kept = all.filter((f) => !dropped(f));
  const proxies = new Set(
    await opts.store.detect.internalProxies({ internal: internal.ranges, from: opts.from, to: opts.to }),
  );
  const labelled = await labelWarninglisted(
    opts.store,
    downWeightProxies(applyCorroboration(kept), proxies),
    {
      from: opts.from,
      to: opts.to,
    },
  );
  // Ties (findings held at the same cap) go by the score they had before it.
  const before = (f: Finding) => Number(f.stats['scoreBeforeCorroboration'] ?? f.score);
  labelled.sort(
    (a, b) =>
      b.score - a.score ||
      before(b) - before(a) ||
      b.connections - a.connections ||
      a.host.localeCompare(b.host),
  );
  const runId = await opts.store.saveFindings({ detectors: names, from: opts.from, to: opts.to }, labelled);
  return { runId, findings: labelled, detectors: perDetector, allowlisted: allowed.length };
}
