import { attribute, createAttributionCache } from '../attribution/attribute.js';
import type { AttributionWeights } from '../attribution/weights.js';
import type { Allowlist } from '../detect/allowlist.js';
import type { DetectSettings } from '../detect/detect-settings.js';
import type { WarninglistSettings } from '../detect/network-settings.js';
import { type DetectorName, detectorNames } from '../detect/registry.js';
import { type DetectRun, runDetectors } from '../detect/run-detectors.js';
import { sensorsOf } from '../detect/shared/shared-query.js';
import type { Attribution } from '../domain/attribution.js';
import type { Incident } from '../domain/incident.js';
import { buildIncidents } from '../incidents/build-incidents.js';
import type { CorrelateConfig } from '../incidents/correlate-config.js';
import { keepIncidentIdentity } from '../incidents/stable-identity.js';
import { type SuppressionOutcome, suppressFindings } from '../incidents/suppression/suppress-findings.js';
import { type IngestSummary, ingestPaths } from '../ingest/ingest-paths.js';
import type { Store } from '../store/store.js';

/** The stages of a hunt, in order, as progress reports them. */
export const huntStages = ['ingest', 'detect', 'correlate', 'attribute'] as const;
export type HuntStage = (typeof huntStages)[number];

/** Steps a hunt reports through onStage and onDetector, for a progress bar. */
export const huntSteps = huntStages.length + detectorNames.length;

export interface HuntOptions {
  readonly store: Store;
  /** Telemetry to ingest first; none hunts what the store already holds. */
  readonly paths: readonly string[];
  /** The sensor name ingested rows are stored under. */
  readonly sensor: string;
  /** `sensor` is only a default: a sensor named in the records wins. */
  readonly sensorFromData?: boolean;
  /**
   * Sensors to hunt as one network. Default: the sensors the ingested files are stored under, as
   * one network; with no paths, every stored sensor as a network of its own.
   */
  readonly sensors?: readonly string[];
  readonly tmpDir: string;
  /** Per-file reading limits for the ingest stage (line length, decompressed size and ratio). */
  readonly ingestLimits?: {
    readonly maxLineBytes?: number;
    readonly maxDecompressedBytes?: number;
    readonly maxGzipRatio?: number;
  };
  /** Directories never to ingest (the data directory itself). */
  readonly exclude?: readonly string[];
  readonly internal?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly allowlist?: Allowlist;
  /** Run only these detectors (default: all). */
  readonly only?: readonly DetectorName[];
  /** Findings below this score start no incident (default 0.5, medium). */
  readonly minScore?: number;
  readonly victim?: { readonly sector?: string; readonly country?: string };
  readonly onStage?: (stage: HuntStage) => void;
  readonly onDetector?: (name: DetectorName) => void;
  /** The stages' settings from the config (default: each stage's own constants). */
  readonly settings?: HuntSettings;
  /** Apply the stored suppressions (default true; `--no-suppressions` turns them off for one run). */
  readonly suppressions?: boolean;
  /** The hunt's time, for suppression expiry (default now). */
  readonly now?: Date;
}

/** The config slices a hunt hands to its stages. */
export interface HuntSettings {
  readonly detectors?: DetectSettings;
  readonly warninglists?: Pick<WarninglistSettings, 'weight' | 'maxNamesPerAddress'>;
  readonly correlation?: CorrelateConfig;
  readonly attribution?: AttributionWeights;
}

export interface HuntResult {
  readonly ingest: IngestSummary | null;
  readonly detect: DetectRun;
  readonly incidents: readonly { readonly incident: Incident; readonly attribution: Attribution | null }[];
  /** Knowledge-base entities available to attribution; 0 means none is installed. */
  readonly knowledgeBase: number;
  /** What the analysts' suppressions dropped before correlation; null when they were off. */
  readonly suppression: SuppressionOutcome | null;
}

/** Entities in the knowledge base (ATT&CK, galaxies, imported intel). */
export async function knowledgeBaseSize(store: Store): Promise<number> {
  const stats = await store.intel.stats();
  return stats.entities.reduce((n, e) => n + e.count, 0);
}

/**
 * The whole job: ingest what it is given, detect, correlate the findings into incidents, attribute
 * each against the installed knowledge base, and store the incidents under the detection run.
 */
export async function runHunt(opts: HuntOptions): Promise<HuntResult> {
  const { store } = opts;
  let ingest: IngestSummary | null = null;
  if (opts.paths.length > 0) {
    opts.onStage?.('ingest');
    ingest = await ingestPaths(opts.paths, {
      store,
      sensor: opts.sensor,
      sensorFromData: opts.sensorFromData,
      tmpDir: opts.tmpDir,
      ...opts.ingestLimits,
      exclude: opts.exclude ?? [],
    });
  }
  opts.onStage?.('detect');
  // A file whose records were all held already (the same run in another format) hunts where they are.
  const files = ingest?.outcomes.flatMap((o) => [o.path, ...(o.duplicates?.heldBy.map((h) => h.file) ?? [])]);
  const ingested = files ? await sensorsOf(store.analytics, files) : [];
  const sensors = opts.sensors && opts.sensors.length > 0 ? opts.sensors : ingested;
  const detect = await runDetectors({
    store,
    internal: opts.internal,
    sensors: sensors.length > 0 ? sensors : undefined,
    from: opts.from,
    to: opts.to,
    allowlist: opts.allowlist,
    only: opts.only,
    onDetector: opts.onDetector,
    settings: opts.settings?.detectors,
    warninglists: opts.settings?.warninglists,
  });
  opts.onStage?.('correlate');
  const now = opts.now ?? new Date();
  // Suppressions apply here, at analysis time: the telemetry and the run's stored findings stay whole.
  const suppression =
    opts.suppressions === false
      ? null
      : await suppressFindings(store.analytics, detect.findings, {
          rules: await store.triage.listSuppressions({ activeAt: now }),
          at: now,
          window: { from: opts.from, to: opts.to },
        });
  const built = await buildIncidents(store, suppression?.kept ?? detect.findings, {
    internal: opts.internal,
    from: opts.from,
    to: opts.to,
    minScore: opts.minScore,
    settings: opts.settings?.correlation,
  });
  // An incident that grew keeps the id (and so the triage) of the one it continues.
  const incidents = (
    await keepIncidentIdentity(
      store.triage,
      detect.runId,
      built.map((incident) => ({ incident })),
      now.toISOString(),
    )
  ).map((x) => x.incident);
  opts.onStage?.('attribute');
  const knowledgeBase = await knowledgeBaseSize(store);
  const items: { incident: Incident; attribution: Attribution | null }[] = [];
  // With no knowledge base every incident still gets its "unknown" hypothesis; the caller says why.
  const cache = createAttributionCache();
  for (const incident of incidents)
    items.push({
      incident,
      attribution: await attribute(incident, store.intel, {
        victim: opts.victim,
        cache,
        weights: opts.settings?.attribution,
      }),
    });
  await store.saveIncidents(detect.runId, items);
  return { ingest, detect, incidents: items, knowledgeBase, suppression };
}
