import { z } from 'zod';
import { attributionSettings } from '../attribution/attribution-settings.js';
import { detectSettingsSchema } from '../detect/detect-settings.js';
import { allowlistSettings, networkSettings, warninglistSettings } from '../detect/network-settings.js';
import { correlateSettings } from '../incidents/correlate-settings.js';
import { storeSettings } from '../store/store-settings.js';
import { alertSettings, liveSettings, serverSettings } from './server-settings.js';

/** The whole config: one slice per stage, each owned (and defaulted) by the stage itself. */
export const configSchema = z.strictObject({
  store: storeSettings,
  network: networkSettings,
  allowlist: allowlistSettings,
  warninglists: warninglistSettings,
  detectors: detectSettingsSchema(),
  correlation: correlateSettings,
  attribution: attributionSettings,
  server: serverSettings,
  live: liveSettings,
  alerts: alertSettings,
});

/** The effective config a run uses. */
export type MamoriConfig = z.output<typeof configSchema>;

/** The config with nothing set: every default, today's constants. */
export const defaultConfig = (): MamoriConfig => configSchema.parse({});
