import type { z } from 'zod';
import { settingsGroup } from '../domain/setting-fields.js';
import { beaconingSettings } from './beaconing/beaconing-settings.js';
import type { DetectContext } from './detector.js';
import { dgaSettings } from './dga/dga-settings.js';
import { dnsTunnellingSettings } from './dns-tunnelling/dns-tunnelling-settings.js';
import { exfiltrationSettings } from './exfiltration/exfiltration-settings.js';
import { fanOutSettings } from './fan-out/fan-out-settings.js';
import { longConnectionsSettings } from './long-connections/long-connections-settings.js';
import { payloadDeliverySettings } from './payload-delivery/payload-delivery-settings.js';
import { rareDestinationsSettings } from './rare-destinations/rare-destinations-settings.js';
import type { DetectorName } from './registry.js';
import { suricataAlertsSettings } from './suricata-alerts/suricata-alerts-settings.js';
import { threatIntelSettings } from './threat-intel/threat-intel-settings.js';
import { tlsHttpOdditiesSettings } from './tls-http-oddities/tls-http-oddities-settings.js';

/** Each detector's settings slice, by the registry's name (the compiler lists a detector without one). */
export const detectorSettingSlices = {
  'threat-intel': threatIntelSettings,
  'suricata-alerts': suricataAlertsSettings,
  beaconing: beaconingSettings,
  'long-connections': longConnectionsSettings,
  'fan-out': fanOutSettings,
  exfiltration: exfiltrationSettings,
  'dns-tunnelling': dnsTunnellingSettings,
  dga: dgaSettings,
  'rare-destinations': rareDestinationsSettings,
  'tls-http-oddities': tlsHttpOdditiesSettings,
  'payload-delivery': payloadDeliverySettings,
} as const satisfies Record<DetectorName, z.ZodType>;

/** The detect stage's slice of the config: every detector's thresholds. */
export const detectSettingsSchema = settingsGroup(
  "Each detector's thresholds and score settings.",
  detectorSettingSlices,
);

/** Every detector's settings, as the config resolves them. */
export type DetectSettings = z.output<typeof detectSettingsSchema>;

/** The settings with every default: today's constants. */
export const defaultDetectSettings: DetectSettings = detectSettingsSchema.parse(undefined);

/** A detector's settings in a run: the run's config, else the defaults. */
export function settingsFor<N extends DetectorName>(ctx: DetectContext, name: N): DetectSettings[N] {
  return (ctx.settings ?? defaultDetectSettings)[name];
}
