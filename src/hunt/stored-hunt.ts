import { join } from 'node:path';
import type { AttributionWeights } from '../attribution/weights.js';
import { Allowlist } from '../detect/allowlist.js';
import type { DetectSettings } from '../detect/detect-settings.js';
import { defaultInternalNetworks } from '../detect/internal-networks.js';
import type { WarninglistSettings } from '../detect/network-settings.js';
import type { CorrelateConfig } from '../incidents/correlate-config.js';
import { ensureWarninglists } from '../intel/warninglists/seed-snapshot.js';
import { log } from '../log.js';
import type { Store } from '../store/store.js';
import { type HuntResult, type HuntSettings, runHunt } from './run-hunt.js';

/** The config slices a stored hunt reads (a subset of MamoriConfig, so hunt/ stays below config/). */
export interface StoredHuntConfig {
  readonly network: { readonly internal: readonly string[] };
  readonly allowlist: { readonly file?: string | undefined };
  readonly detectors: DetectSettings;
  readonly warninglists: Pick<WarninglistSettings, 'weight' | 'maxNamesPerAddress'>;
  readonly correlation: CorrelateConfig & { readonly minScore: number };
  readonly attribution: AttributionWeights;
}

/** The slices of the config a hunt hands to its stages. */
export function huntSettings(config: StoredHuntConfig): HuntSettings {
  return {
    detectors: config.detectors,
    warninglists: config.warninglists,
    correlation: config.correlation,
    attribution: config.attribution,
  };
}

/**
 * `mamori hunt` with no paths, as the live server runs it: the shipped warninglists installed when
 * missing, then detect → correlate → attribute over every stored sensor, saved as a new run.
 */
export async function huntStored(
  store: Store,
  config: StoredHuntConfig,
  opts: { readonly dataDir: string },
): Promise<HuntResult> {
  const seeded = await ensureWarninglists(store);
  // As `mamori hunt`: a failed install is reported and the hunt goes on without the snapshot.
  if (seeded.seeded?.error)
    log.warn({ err: seeded.seeded.error.message }, 'the shipped warninglist snapshot was not installed');
  const internal = config.network.internal;
  // The defaults stay unset, as `mamori hunt` leaves them without a config.
  const isDefault =
    internal.length === defaultInternalNetworks.length &&
    internal.every((c, i) => c === defaultInternalNetworks[i]);
  return runHunt({
    store,
    paths: [],
    sensor: 'stored',
    tmpDir: join(opts.dataDir, 'tmp'),
    exclude: [opts.dataDir],
    internal: isDefault ? undefined : internal,
    allowlist: config.allowlist.file ? Allowlist.fromFile(config.allowlist.file) : undefined,
    minScore: config.correlation.minScore,
    settings: huntSettings(config),
  });
}
