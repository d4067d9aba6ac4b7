import { beaconingDetector } from './beaconing/beaconing-detector.js';
import type { Detector } from './detector.js';
import { dgaDetector } from './dga/dga-detector.js';
import { dnsTunnellingDetector } from './dns-tunnelling/dns-tunnelling-detector.js';
import { exfiltrationDetector } from './exfiltration/exfiltration-detector.js';
import { fanOutDetector } from './fan-out/fan-out-detector.js';
import { longConnectionsDetector } from './long-connections/long-connections-detector.js';
import { payloadDeliveryDetector } from './payload-delivery/payload-delivery-detector.js';
import { rareDestinationsDetector } from './rare-destinations/rare-destinations-detector.js';
import { suricataAlertsDetector } from './suricata-alerts/suricata-alerts-detector.js';
import { threatIntelDetector } from './threat-intel/threat-intel-detector.js';
import { tlsHttpOdditiesDetector } from './tls-http-oddities/tls-http-oddities-detector.js';

/** Every detector; a new one is a folder under detect/ and one line here. */
export const detectors = {
  'threat-intel': threatIntelDetector,
  'suricata-alerts': suricataAlertsDetector,
  beaconing: beaconingDetector,
  'long-connections': longConnectionsDetector,
  'fan-out': fanOutDetector,
  exfiltration: exfiltrationDetector,
  'dns-tunnelling': dnsTunnellingDetector,
  dga: dgaDetector,
  'rare-destinations': rareDestinationsDetector,
  'tls-http-oddities': tlsHttpOdditiesDetector,
  'payload-delivery': payloadDeliveryDetector,
} as const satisfies Record<string, Detector>;

/** A registry key: the name a finding gives its detector. */
export type DetectorName = keyof typeof detectors;
export const detectorNames = Object.keys(detectors) as DetectorName[];

declare module '../domain/finding.js' {
  /** The registry's names, so that `Finding.detector` is one of them. */
  interface DetectorRegistry extends Record<keyof typeof detectors, true> {}
}

/**
 * The detector a finding names, for reading its properties; undefined for a name no detector has (a
 * finding stored by another version), which later stages treat as a plain detector of its own kind.
 */
export function detectorNamed(name: string): Detector | undefined {
  return Object.hasOwn(detectors, name) ? detectors[name as DetectorName] : undefined;
}
