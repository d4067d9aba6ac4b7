import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { duckdbFileName } from '../store/duckdb/duckdb-store.js';
import type { Store } from '../store/store.js';

/** A read-only copy of the live store for the CLI: open `dataDir` of it with `readOnly`. */
export interface StoreSnapshot {
  /** Data directory of the copy (it holds one `mamori.duckdb`). */
  readonly dataDir: string;
  /** Changes whenever the live store was written since the last copy. */
  readonly generation: string;
  /** When the live store was last written before the copy (ISO 8601). */
  readonly asOf: string;
  /** True when the previous copy was reused because nothing was written since. */
  readonly reused: boolean;
}

/** Folder of the snapshots inside the data directory. */
export const snapshotsFolder = 'snapshots';

/**
 * Checkpoints the store and copies its file to `<data>/snapshots/<generation>/mamori.duckdb`.
 * Must run inside the owner's serialised write (`ctx.write`), so no statement changes the file
 * while it is copied. The generation is the checkpointed file's size and mtime: an unchanged
 * store reuses the last copy; older copies are deleted (a reader that still has one open keeps it
 * until it closes, as POSIX unlink allows).
 */
export async function takeStoreSnapshot(store: Store, dataDir: string): Promise<StoreSnapshot> {
  await store.flush();
  await store.query('CHECKPOINT');
  const live = join(dataDir, duckdbFileName);
  const st = statSync(live);
  const generation = `${Math.trunc(st.mtimeMs)}-${st.size}`;
  const root = join(dataDir, snapshotsFolder);
  const dir = join(root, generation);
  const asOf = st.mtime.toISOString();
  let reused = true;
  try {
    statSync(join(dir, duckdbFileName));
  } catch {
    reused = false;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Copied under another name first, so a reader never opens half a file.
    const part = join(dir, `${duckdbFileName}.part`);
    copyFileSync(live, part);
    renameSync(part, join(dir, duckdbFileName));
  }
  for (const old of readdirSync(root))
    if (old !== generation) rmSync(join(root, old), { recursive: true, force: true });
  return { dataDir: dir, generation, asOf, reused };
}
