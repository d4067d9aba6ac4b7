import type { z } from 'zod';
import type { DetectorName, Finding } from '../domain/finding.js';
import type { ServerRole } from '../domain/incident.js';
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
 * The kind of evidence a detector reads: `timing` (schedules, long sessions), `novelty` (rare
 * destinations), `content` (odd TLS and HTTP), `volume` (uploads), `sweep` (fan-out), `dns`
 * (tunnelling, generated names), `intel` (indicator matches), `ids` (signature alerts) and
 * `delivery` (payload downloads).
 */
export type DetectorEvidenceKind =
  | 'timing'
  | 'novelty'
  | 'content'
  | 'volume'
  | 'sweep'
  | 'dns'
  | 'intel'
  | 'ids'
  | 'delivery';

/** The benign pattern a look-alike-prone finding can have, which the incident verdict recognises. */
export type LookAlikeShape = 'schedule' | 'routine-volume';

/**
 * One detection method. Aggregation happens in the store (SQL behind a store capability); `run`
 * scores the aggregates with pure functions and returns findings. Its properties tell the later
 * stages (corroboration, suppression, incidents, attribution) how to read its findings, so that no
 * stage keeps a table of detector names.
 */
export interface Detector {
  readonly name: DetectorName;
  readonly description: string;
  /** ATT&CK techniques its findings map to. */
  readonly techniques: readonly string[];
  /** Its thresholds as a config slice (`detectors.<name>` in mamori.config), each with its default. */
  readonly settings: z.ZodType;
  /**
   * What it reads. Two detectors of one kind (a schedule and a long session are the same
   * timestamps) do not corroborate each other, and an incident's score counts kinds, not detectors.
   */
  readonly evidenceKind: DetectorEvidenceKind;
  /**
   * Its single signal has common benign look-alikes (vendor timers, sync clients, backups, odd but
   * harmless clients, the long tail of the web): alone its findings stay under high, and in an
   * incident they do not count as corroboration.
   */
  readonly lookAlikeProne: boolean;
  /**
   * On an explicit web proxy its findings describe the proxy's outbound traffic, which is its
   * clients' requests: they keep half their score.
   */
  readonly downWeightedOnProxy: boolean;
  /**
   * Its findings are kept whatever the user's allowlist says and are never down-weighted by a benign
   * warninglist: a live indicator wins.
   */
  readonly outranksAllowlist: boolean;
  /**
   * The role a server takes when every finding on it says so (`delivery`, `exfiltration`); `c2`
   * otherwise. A function when the finding decides (an indicator match on downloaded files only).
   */
  readonly serverRole: ServerRole | ((f: Finding) => ServerRole);
  /**
   * A weak finding of it can be the way into a host (a downloaded payload): close to a host's
   * compromise it joins the incident as a lead-in (the default of correlation's `leadInDetectors`).
   */
  readonly leadIn: boolean;
  /**
   * Its findings are knowledge-base indicator matches: attribution looks up the values in
   * `stats.indicators`, and their links are the indicators' entities, not families a signature names.
   */
  readonly matchesIndicators: boolean;
  /** The benign pattern its findings can have, if any (the incident verdict's look-alikes). */
  readonly lookAlikeShape?: LookAlikeShape;
  /** Protocols its findings imply when the store holds no traffic for their server (a DNS-only channel). */
  readonly impliedProtocols?: readonly string[];
  /**
   * Whether a finding's addresses are separate servers (a beacon keyed by port calls several servers
   * on one odd port) rather than one piece of infrastructure, the default.
   */
  serversApart?(f: Finding): boolean;
  run(ctx: DetectContext): Promise<Finding[]>;
}
