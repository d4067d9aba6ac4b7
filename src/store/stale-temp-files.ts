import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '../log.js';

/**
 * Names of the temporary files mamori writes in `<data>/tmp`, each with the writer's process id:
 * native TSV bodies (`body-`), row spools (`spool-`), JSON stages (`json-stage-`), intel spools
 * (`intel-`) and spooled stdin or FIFO input (`stdin-`).
 */
export const tempFileName = /^(body|spool|json-stage|intel|stdin)-(\d+)-/;

/** True while a process with this id exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files that a killed mamori left in `tmpDir`. Call it only while holding the
 * store's write lock: every writer of these files holds that lock, so none is still being written.
 * Files of a live process (this one included) and files of other names are kept. Returns what was removed.
 */
export function removeStaleTempFiles(tmpDir: string): { files: number; bytes: number } {
  let names: string[];
  try {
    names = readdirSync(tmpDir);
  } catch {
    return { files: 0, bytes: 0 };
  }
  let files = 0;
  let bytes = 0;
  for (const name of names) {
    const m = tempFileName.exec(name);
    const pid = Number(m?.[2]);
    if (!m || pid === process.pid || alive(pid)) continue;
    const path = join(tmpDir, name);
    try {
      const size = statSync(path).size;
      rmSync(path, { force: true, recursive: true });
      files += 1;
      bytes += size;
    } catch (err) {
      log.warn({ file: path, err: (err as Error).message }, 'could not remove a stale temporary file');
    }
  }
  if (files > 0) log.info({ dir: tmpDir, files, bytes }, 'removed temporary files left by a killed run');
  return { files, bytes };
}
