import type { Finding } from '../domain/finding.js';
import { findingId } from '../domain/finding-id.js';
import type { Store } from '../store/store.js';
import type { Allowlist } from './allowlist.js';
import { applyCorroboration, downWeightProxies } from './corroboration.js';
import type { DetectSettings } from './detect-settings.js';
import { outranksAllowlist } from './detector-properties.js';
import { InternalNetworks } from './internal-networks.js';
import type { WarninglistSettings } from './network-settings.js';
import { type DetectorName, detectorNames, detectors } from './registry.js';
import { findingEvidence } from './shared/finding-evidence-query.js';
import { internalProxies, sensors as storedSensors } from './shared/shared-query.js';
import { labelWarninglisted } from './suppression.js';

/** How to run detection. */
export interface RunDetectorsOptions {
  readonly store: Store;
  /** False: rank the findings without storing a run (`detect --dry-run`); the run id is then 0. */
  readonly save?: boolean;
  /** Only these detectors (default: all). */
  readonly only?: readonly DetectorName[];
  /** CIDRs of the monitored network (default RFC 1918 and friends). */
  readonly internal?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  /**
   * Sensors to hunt as one network (a DNS sensor and an egress sensor of one site). Default: every
   * stored sensor, each as a network of its own.
   */
  readonly sensors?: readonly string[];
  readonly signal?: AbortSignal;
  /** Called before each detector runs (once per scope). */
  readonly onDetector?: (name: DetectorName) => void;
  /** Destinations the user allows; their findings are left out (and counted). */
  readonly allowlist?: Allowlist;
  /** Every detector's thresholds (default: today's constants). */
  readonly settings?: DetectSettings;
  /** How warninglists down-weight findings (default: `warninglistWeight`, 8 names per address). */
  readonly warninglists?: Pick<WarninglistSettings, 'weight' | 'maxNamesPerAddress'>;
}

/** What a run found, ranked. */
export interface DetectRun {
  readonly runId: number;
  readonly findings: readonly Finding[];
  readonly detectors: readonly { name: DetectorName; findings: number; seconds: number }[];
  /** Findings left out because their destination is on the user's allowlist. */
  readonly allowlisted: number;
  /** The scopes hunted, each a comma-separated list of sensors (what findings carry as `scope`). */
  readonly scopes: readonly string[];
}

/** A scope's name: its sensors, sorted, comma-separated. */
export function scopeName(sensors: readonly string[]): string {
  return [...new Set(sensors)].sort().join(',');
}

/** The sensors filter of a scope by name: none when it covers every stored sensor. */
export async function scopeSensors(store: Store, name: string | undefined): Promise<string[] | undefined> {
  if (!name) return undefined;
  const sensors = name.split(',');
  const stored = await storedSensors(store.analytics);
  return stored.every((s) => sensors.includes(s)) ? undefined : sensors;
}

/**
 * The scopes to hunt: the named sensors as one, else every stored sensor alone. A scope that is the
 * whole store reads it unfiltered (`sensors` undefined), which is the same rows without the filter.
 */
export async function detectScopes(
  store: Store,
  named?: readonly string[],
): Promise<{ name: string; sensors: readonly string[] | undefined }[]> {
  const stored = await storedSensors(store.analytics);
  const groups = named && named.length > 0 ? [[...new Set(named)].sort()] : stored.map((s) => [s]);
  if (groups.length === 0) return [{ name: '', sensors: undefined }];
  return groups.map((g) => ({
    name: scopeName(g),
    sensors: stored.every((s) => g.includes(s)) ? undefined : g,
  }));
}

/** Runs the detectors over the stored telemetry, ranks the findings by score and stores them. */
export async function runDetectors(opts: RunDetectorsOptions): Promise<DetectRun> {
  const internal = new InternalNetworks(opts.internal);
  const names = opts.only && opts.only.length > 0 ? opts.only : detectorNames;
  const scopes = await detectScopes(opts.store, opts.sensors);
  const perDetector = new Map(names.map((n) => [n, { name: n, findings: 0, seconds: 0 }]));
  const labelled: Finding[] = [];
  let allowlisted = 0;
  // Each scope is a network of its own: baselines, corroboration and proxies never cross scopes.
  for (const scope of scopes) {
    const window = { from: opts.from, to: opts.to, sensors: scope.sensors };
    const all: Finding[] = [];
    for (const name of names) {
      if (opts.signal?.aborted) break;
      opts.onDetector?.(name);
      const started = performance.now();
      const found = await detectors[name].run({
        store: opts.store,
        internal,
        ...window,
        signal: opts.signal,
        settings: opts.settings,
      });
      all.push(...found);
      const d = perDetector.get(name);
      if (d) {
        d.findings += found.length;
        d.seconds += (performance.now() - started) / 1000;
      }
    }
    // A live indicator outranks the user's allowlist, as it outranks warninglists.
    const dropped = (f: Finding) => !outranksAllowlist(f) && (opts.allowlist?.allows(f) ?? false);
    allowlisted += all.filter(dropped).length;
    const kept = all.filter((f) => !dropped(f));
    const proxies = new Set(
      await internalProxies(opts.store.analytics, { internal: internal.ranges, ...window }),
    );
    // `window` carries the scope through to the address names suppression looks up.
    const found = await labelWarninglisted(
      opts.store,
      downWeightProxies(applyCorroboration(kept), proxies),
      window,
      opts.warninglists,
    );
    // The id and the log rows behind each finding come last, so every other field reads as before.
    const evidence = await findingEvidence(opts.store.analytics, { findings: found, sensors: scope.sensors });
    labelled.push(
      ...found.map((f, n) => {
        const scoped = scope.name ? { ...f, scope: scope.name } : f;
        return { ...scoped, id: findingId(scoped), evidence: evidence[n] };
      }),
    );
  }
  // Ties (findings held at the same cap) go by the score they had before it.
  const before = (f: Finding) => Number(f.stats['scoreBeforeCorroboration'] ?? f.score);
  labelled.sort(
    (a, b) =>
      b.score - a.score ||
      before(b) - before(a) ||
      b.connections - a.connections ||
      a.host.localeCompare(b.host) ||
      (a.scope ?? '').localeCompare(b.scope ?? ''),
  );
  const runId =
    opts.save === false
      ? 0
      : await opts.store.saveFindings({ detectors: names, from: opts.from, to: opts.to }, labelled);
  return {
    runId,
    findings: labelled,
    detectors: [...perDetector.values()],
    allowlisted,
    scopes: scopes.map((s) => s.name),
  };
}
