import type { z } from 'zod';
import { settingsGroup } from '../domain/setting-fields.js';
import { type DetectorName, detectors } from './registry.js';

/** Every detector's settings, as the config resolves them (each detector types its own slice). */
export type DetectSettings = Readonly<Record<DetectorName, unknown>>;

let schema: z.ZodType<DetectSettings> | undefined;

/**
 * The detect stage's slice of the config, built from the `settings` of every registered detector,
 * so a new detector's thresholds join the config with its registry line. Built on first use: the
 * detectors import this module while the registry is still loading.
 */
export function detectSettingsSchema(): z.ZodType<DetectSettings> {
  schema ??= settingsGroup(
    "Each detector's thresholds and score settings.",
    Object.fromEntries(Object.entries(detectors).map(([name, d]) => [name, d.settings])),
  ) as unknown as z.ZodType<DetectSettings>;
  return schema;
}

/** The settings with every default: today's constants. */
export const defaultDetectSettings = (): DetectSettings => detectSettingsSchema().parse(undefined);
