import type { z } from 'zod';
import type { DetectContext } from './detector.js';
import type { DetectorName } from './registry.js';

// Apart from detect-settings.ts on purpose: detectors import this, and the registry imports the
// detectors, so this module must not import the registry at run time.

const defaults = new WeakMap<z.ZodType, unknown>();

/** A detector's settings in a run: the run's config, else its own slice's defaults. */
export function settingsFor<S extends z.ZodType>(
  ctx: DetectContext,
  name: DetectorName,
  slice: S,
): z.output<S> {
  const set = ctx.settings?.[name];
  if (set !== undefined) return set as z.output<S>;
  if (!defaults.has(slice)) defaults.set(slice, slice.parse(undefined));
  return defaults.get(slice) as z.output<S>;
}
