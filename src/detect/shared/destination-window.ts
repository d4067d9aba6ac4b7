import type { IpRange } from '../../net/ip-range.js';

/** The monitored networks and the telemetry window (ISO; default all of it). */
export interface DestinationWindow {
  readonly internal: readonly IpRange[];
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
}
