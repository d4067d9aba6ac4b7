import type { ImportDefaults, Importer } from '../importer.js';
import type { IntelItem } from '../model.js';
import { fixtureFile, itemsOf, runImporter } from '../run-importer.test-helper.js';

/** Every item an importer reads from `file`. */
export function collectItems(
  importer: Importer,
  file: string,
  defaults: ImportDefaults = {},
): Promise<IntelItem[]> {
  return runImporter(importer, file, [], defaults);
}

/** Writes `content` to a fresh temporary file and returns its path. */
export const tempFile = fixtureFile;

/** Items of one kind, typed. */
export const ofKind = itemsOf;
