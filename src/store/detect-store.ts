import type { AlertAggregates } from './detect/alerts-aggregates.js';
import type { IncidentAggregates } from './detect/incident-aggregates.js';
import type { NetworkAggregates } from './detect/network-aggregates.js';

/** Aggregates the detectors read; each backend computes them in its own SQL. */

/**
 * The slice of telemetry an aggregate reads: a time window and a scope (the sensors of one
 * network). Every baseline is computed within it, so other networks in the store change nothing.
 */
export interface TelemetryWindow {
  readonly from?: string;
  readonly to?: string;
  /** Only rows of these sensors (default: every sensor). */
  readonly sensors?: readonly string[];
}

/** What detectors ask the store for: one aggregate family per detector area. */
export interface DetectStore extends AlertAggregates, IncidentAggregates, NetworkAggregates {}
