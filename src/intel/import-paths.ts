import { findInputFiles } from '../io/input-files.js';
import {
  type IntelFileOutcome,
  type IntelImportOptions,
  importIntelFile,
  sniffImporter,
} from './import-file.js';
import { type ImporterName, importOrder } from './registry.js';

/** Everything an `intel import` run did. */
export interface IntelImportSummary<M = never> {
  readonly outcomes: readonly IntelFileOutcome[];
  readonly imported: number;
  readonly failed: number;
  readonly seconds: number;
  /** With `retroHunt`: what it found in history for the sources just imported. */
  readonly retroHunt: readonly M[] | null;
}

/**
 * Imports files and folders of intel. Files are taken in an order that lets later ones use earlier
 * ones: warninglists, then ATT&CK and other STIX, galaxies, MISP events, IOC lists, reports last
 * (reports look for mentions of every name known by then).
 */
export async function importIntelPaths<M = never>(
  paths: readonly string[],
  opts: IntelImportOptions & {
    /**
     * A retro-hunt over the stored telemetry for the sources imported, run after them (the caller
     * passes indicator matching, which belongs to detection, a layer above the knowledge base).
     */
    readonly retroHunt?: (sources: readonly string[]) => Promise<readonly M[]>;
    readonly exclude?: readonly string[];
  },
): Promise<IntelImportSummary<M>> {
  const started = performance.now();
  const files = await findInputFiles(paths, opts.exclude ?? []);
  const planned: { path: string; format: ImporterName | null; order: number }[] = [];
  for (const f of files) {
    const imp = opts.format ? null : await sniffImporter(f.path).catch(() => null);
    // A folder may hold READMEs and schemas; only files named on the command line must be intel.
    if (!imp && !opts.format && !f.named) continue;
    const format = (opts.format ?? imp?.name ?? null) as ImporterName | null;
    planned.push({ path: f.path, format, order: format ? importOrder.indexOf(format) : 99 });
  }
  planned.sort((a, b) => a.order - b.order);
  const outcomes: IntelFileOutcome[] = [];
  for (const p of planned) {
    if (opts.signal?.aborted) break;
    outcomes.push(await importIntelFile(p.path, p.format ? { ...opts, format: p.format } : opts));
  }
  const importedSources = outcomes.flatMap((o) => (o.status === 'imported' && o.source ? [o.source] : []));
  const retroHunt =
    opts.retroHunt && importedSources.length > 0
      ? await opts.retroHunt(importedSources)
      : opts.retroHunt
        ? []
        : null;
  return {
    outcomes,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    seconds: (performance.now() - started) / 1000,
    retroHunt,
  };
}
