import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes, MamoriError } from '../errors.js';
import { serverFor } from '../server/server-client.js';
import type { ServerFile } from '../server/server-file.js';
import { readServerFile } from '../server/server-file.js';
import type { StoreSnapshot } from '../server/store-snapshot.js';
import { duckdbFileName } from '../store/duckdb/duckdb-store.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { printError } from './output.js';

function ownerText(s: ServerFile): string {
  return `mamori ${s.kind === 'serve' ? 'serve' : 'ingest --follow'} (pid ${s.pid}, ${s.url})`;
}

/**
 * Opens the store for a read command. When a server (`mamori serve`, `ingest --follow`) owns it,
 * DuckDB would refuse even a read-only open from another process, so the owner is asked for a
 * snapshot (`POST /api/v1/store/snapshot`) and that copy is opened; one stderr line says so.
 */
export async function openStoreForReading(dataDir: string): Promise<Store> {
  const owner = readServerFile(dataDir);
  if (!owner) {
    try {
      return await openStore({ dataDir, readOnly: true });
    } catch (err) {
      // A server that started between the check and the open.
      if (!(err instanceof MamoriError && err.code === errorCodes.storeLocked) || !readServerFile(dataDir))
        throw err;
    }
  }
  const client = serverFor(dataDir);
  if (!client) return openStore({ dataDir, readOnly: true });
  const snap = await client.request<StoreSnapshot>('POST', '/store/snapshot');
  printError(
    `mamori: reading a snapshot of the live store as of ${snap.asOf}, owned by ${ownerText(client.server)}`,
  );
  return openStore({ dataDir: snap.dataDir, readOnly: true });
}

/**
 * Opens a store that a command may write scratch tables in but must not save to (`detect
 * --dry-run`): the store itself when nobody owns it, else a private copy of the owner's snapshot
 * under `<data>/tmp`, deleted on close. DuckDB refuses its appender, which detection's temporary
 * tables use, on a read-only database.
 */
export async function openScratchStore(dataDir: string): Promise<Store> {
  const owner = readServerFile(dataDir);
  const client = owner ? serverFor(dataDir) : null;
  if (!client) return openStoreForWriting(dataDir);
  const snap = await client.request<StoreSnapshot>('POST', '/store/snapshot');
  printError(
    `mamori: working on a copy of the live store as of ${snap.asOf}, owned by ${ownerText(client.server)}`,
  );
  const dir = join(dataDir, 'tmp', `scratch-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  copyFileSync(join(snap.dataDir, duckdbFileName), join(dir, duckdbFileName));
  const store = await openStore({ dataDir: dir });
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      try {
        await close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  });
}

/** The error of a write command while a server owns the store, naming the owner and the way out. */
export function ownedStoreError(dataDir: string, owner: ServerFile): MamoriError {
  const how =
    owner.kind === 'serve'
      ? `use its API or web UI at ${owner.url} (ingest, hunt and intel import are there), or stop it`
      : 'stop it (Ctrl-C) first';
  return new MamoriError(
    errorCodes.storeLocked,
    `the store in ${dataDir} is owned by ${ownerText(owner)}: ${how}, then run this command again`,
  );
}

/** Opens the store for a write command; refuses clearly when a server owns it. */
export async function openStoreForWriting(dataDir: string): Promise<Store> {
  const owner = readServerFile(dataDir);
  if (owner) throw ownedStoreError(dataDir, owner);
  try {
    return await openStore({ dataDir });
  } catch (err) {
    const late =
      err instanceof MamoriError && err.code === errorCodes.storeLocked ? readServerFile(dataDir) : null;
    if (late) throw ownedStoreError(dataDir, late);
    throw err;
  }
}
