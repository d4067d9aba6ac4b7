import type { Store } from '../../store/store.js';
import { type IntelFileOutcome, importIntelFile } from '../import-file.js';
import { readHeadText } from '../read-text.js';
import { shippedSnapshotPath } from './warninglist-snapshot.js';
import {
  snapshotDateOf,
  snapshotSourcePrefix,
  type WarninglistStatus,
  warninglistStatus,
} from './warninglist-status.js';

/** Set to 1 to keep the shipped snapshot out of the store (tests that need an empty knowledge base). */
export const noSnapshotEnv = 'MAMORI_NO_WARNINGLIST_SNAPSHOT';

/** Whether the environment turns the shipped snapshot off. */
export function snapshotDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env[noSnapshotEnv];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** The date a snapshot file states, read from its head (the builder writes it second). */
export async function snapshotFileDate(file: string): Promise<string | null> {
  return /"date"\s*:\s*"(\d{4}-\d{2}-\d{2})"/.exec(await readHeadText(file))?.[1] ?? null;
}

/** What `ensureWarninglists` found, and the import it ran if any. */
export interface SeedResult {
  readonly status: WarninglistStatus;
  /** The snapshot import, when this call installed it (a failed one carries its error). */
  readonly seeded: IntelFileOutcome | null;
}

/** Options of `ensureWarninglists` (tests point it at another snapshot or clock). */
export interface SeedOptions {
  readonly snapshotPath?: string | null;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: Date;
}

/**
 * Installs the shipped snapshot when the store has no warninglists, or only an older snapshot.
 * Lists imported from the real files (`intel update`, `intel import`) are never replaced: the user
 * chose them. The snapshot goes in as source `warninglist-snapshot-<date>`, so that the status
 * dates it by the snapshot, and a later `intel update` replaces each list by name.
 */
export async function ensureWarninglists(store: Store, opts: SeedOptions = {}): Promise<SeedResult> {
  const origins = await store.intel.warninglistOrigins();
  const before = { status: warninglistStatus(origins, opts.now), seeded: null };
  const file = opts.snapshotPath === undefined ? shippedSnapshotPath() : opts.snapshotPath;
  if (!file || snapshotDisabled(opts.env)) return before;
  if (origins.some((o) => snapshotDateOf(o.source) === null)) return before;
  const date = await snapshotFileDate(file);
  const stored = before.status.snapshot?.date;
  if (!date || (stored !== undefined && stored >= date)) return before;
  const seeded = await importIntelFile(file, {
    store,
    defaults: { source: `${snapshotSourcePrefix}${date}` },
  });
  return { status: warninglistStatus(await store.intel.warninglistOrigins(), opts.now), seeded };
}
