import { join } from 'node:path';
import type { Store } from '../store/store.js';
import { type IntelFileOutcome, importIntelFile, sniffImporter } from './import-file.js';
import { importOrder } from './registry.js';
import { type FetchedSource, type FetchProgress, fetchSources, resolveIntelSources } from './update/index.js';

/** How `intel update` runs. */
export interface UpdateIntelOptions {
  readonly store: Store;
  readonly dataDir: string;
  /** A JSON file of sources overriding or adding to the defaults. */
  readonly sourcesFile?: string;
  /** Use only what the cache holds. */
  readonly offline?: boolean;
  readonly signal?: AbortSignal;
  readonly onFetch?: (p: FetchProgress) => void;
  readonly onImport?: (id: string) => void;
}

/** What an update fetched and imported. */
export interface UpdateIntelResult {
  readonly fetched: readonly FetchedSource[];
  readonly imports: readonly IntelFileOutcome[];
}

/**
 * Fetches every source (conditional requests against the cache), then imports all of them, each
 * under its source id so that an update replaces the previous copy. If any fetch fails nothing is
 * imported, so the knowledge base never mixes two releases of a source set.
 */
export async function updateIntel(opts: UpdateIntelOptions): Promise<UpdateIntelResult> {
  const sources = await resolveIntelSources(opts.sourcesFile);
  const fetched = await fetchSources(sources, {
    cacheDir: join(opts.dataDir, 'intel-cache'),
    offline: opts.offline,
    signal: opts.signal,
    onProgress: opts.onFetch,
  });
  const planned = [];
  for (const f of fetched) {
    const imp = await sniffImporter(f.path);
    planned.push({ f, order: imp ? importOrder.indexOf(imp.name as (typeof importOrder)[number]) : 99 });
  }
  planned.sort((a, b) => a.order - b.order);
  const imports: IntelFileOutcome[] = [];
  for (const { f } of planned) {
    if (opts.signal?.aborted) break;
    opts.onImport?.(f.id);
    imports.push(
      await importIntelFile(f.path, { store: opts.store, defaults: { source: f.id }, signal: opts.signal }),
    );
  }
  return { fetched, imports };
}
