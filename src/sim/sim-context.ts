import type { OfficeNet } from './net/office-net.js';
import type { Traffic } from './net/traffic.js';

/** What every actor of a run shares. Times are epoch seconds; zones are minutes east of UTC. */
export interface SimContext {
  readonly seed: number;
  readonly net: OfficeNet;
  readonly traffic: Traffic;
  readonly officeTz: number;
  readonly density: number;
  readonly start: number;
  readonly end: number;
}

/** Something that produces traffic hour by hour. */
export interface Actor {
  /** Emits everything that starts in [t0, t0 + 3600). */
  hour(t0: number): void;
}
