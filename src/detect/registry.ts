import { beaconingDetector } from './beaconing/beaconing-detector.js';
import type { Detector } from './detector.js';
import { longConnectionsDetector } from './long-connections/long-connections-detector.js';
import { threatIntelDetector } from './threat-intel/threat-intel-detector.js';

/** Every detector; a new one is a folder under detect/ and one line here. */
export const detectors = {
  'threat-intel': threatIntelDetector,
  beaconing: beaconingDetector,
  'long-connections': longConnectionsDetector,
} as const satisfies Record<string, Detector>;

export type DetectorName = keyof typeof detectors;
export const detectorNames = Object.keys(detectors) as DetectorName[];
