import { DuckDBStore } from './duckdb/duckdb-store.js';
import type { BackendName, Store, StoreOptions } from './store.js';

/** How to open each backend; a new backend is one entry here. */
export const storeBackends: Record<BackendName, (opts: StoreOptions) => Promise<Store>> = {
  duckdb: (opts) => DuckDBStore.open(opts),
};

/** Opens the store of the given backend (the embedded DuckDB store by default). */
export function openStore(opts: StoreOptions & { backend?: BackendName }): Promise<Store> {
  return storeBackends[opts.backend ?? 'duckdb'](opts);
}
