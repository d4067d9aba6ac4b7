import type { Finding } from '../domain/finding.js';
import type { Store } from '../store/store.js';
import type { DetectSettings } from './detect-settings.js';
import type { InternalNetworks } from './internal-networks.js';

/** What every detector is given. */
export interface DetectContext {
  readonly store: Store;
  readonly internal: InternalNetworks;
  /** Telemetry window (ISO); default all of it. */
  readonly from?: string;
  readonly to?: string;
  /** The scope: the sensors of the one network hunted (default every sensor). */
  readonly sensors?: readonly string[];
  readonly signal?: AbortSignal;
  /** Every detector's thresholds from the run's config (default: today's constants). */
  readonly settings?: DetectSettings;
}

/**
 * One detection method. Aggregation happens in the store (SQL behind a store capability); `run`
 * scores the aggregates with pure functions and returns findings.
 */
export interface Detector {
  readonly name: string;
  readonly description: string;
  /** ATT&CK techniques its findings map to. */
  readonly techniques: readonly string[];
  run(ctx: DetectContext): Promise<Finding[]>;
}
