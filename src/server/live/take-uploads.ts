import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { UploadedFile } from '../api/api-route.js';

/** Uploads moved into a folder of their own: each local path with the client's name for it. */
export interface TakenUploads {
  readonly inputs: readonly { readonly path: string; readonly name: string }[];
  /** Deletes the folder. */
  remove(): void;
}

/**
 * Moves uploaded files out of the core's spool (which is cleaned when the request ends) into
 * `<data>/tmp/uploads/<random>/`, under safe names: the client's name is attacker-controlled and
 * never used as a path, only its base name reduced to harmless characters (log types and formats
 * may be guessed from it).
 */
export function takeUploads(dataDir: string, files: readonly UploadedFile[]): TakenUploads {
  const dir = join(dataDir, 'tmp', 'uploads', randomUUID());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const inputs = files.map((f, i) => {
    const safe = basename(f.fileName)
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^\.+/, '')
      .slice(0, 120);
    const to = join(dir, `${i}-${safe || 'upload'}`);
    try {
      renameSync(f.path, to);
    } catch {
      copyFileSync(f.path, to);
    }
    return { path: to, name: f.fileName };
  });
  return { inputs, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
