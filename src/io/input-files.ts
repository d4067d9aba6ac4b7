import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorCodes, MamoriError, messageOf } from '../errors.js';

/** The name stdin goes by on the command line. */
export const stdinArgument = '-';

/** A file to ingest, and whether the user named it (errors) or a directory walk found it (skips). */
export interface FoundFile {
  readonly path: string;
  readonly named: boolean;
  /** Size when the walk saw it (for progress and commit grouping). */
  readonly size: number;
  /** A named stream (stdin as `-`, a FIFO, `/dev/stdin` on a pipe): copied to a file, then read. */
  readonly stream?: boolean;
  /** Set when the walk could not use the entry: it is reported with this status and reason, not read. */
  readonly problem?: { readonly status: 'unreadable' | 'skipped'; readonly reason: string };
}

/**
 * Lists the files under the given paths, recursively, in a stable order; hidden entries are skipped.
 * An entry the walk cannot use (an unreadable folder, a broken link, a FIFO) is listed with its
 * problem instead of ending the walk.
 */
export async function findInputFiles(
  paths: readonly string[],
  exclude: readonly string[] = [],
): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const skip = new Set(exclude.map((p) => resolve(p)));
  const problem = (path: string, status: 'unreadable' | 'skipped', reason: string) =>
    out.push({ path, named: false, size: 0, problem: { status, reason } });
  const walk = async (dir: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      problem(dir, 'unreadable', `cannot list the folder: ${messageOf(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (skip.has(resolve(p))) continue;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const size = (await stat(p).catch(() => ({ size: 0 }))).size;
        out.push({ path: p, named: false, size });
      } else if (e.isSymbolicLink()) {
        // Links to files are read; links to folders are not followed (Zeek's `current` points at its spool).
        const target = await stat(p).catch((err: unknown) => err as Error);
        if (target instanceof Error) problem(p, 'unreadable', `broken symbolic link: ${messageOf(target)}`);
        else if (target.isFile()) out.push({ path: p, named: false, size: target.size });
        else problem(p, 'skipped', 'symbolic link to a folder, not followed');
      } else {
        problem(p, 'skipped', `${entryKind(e)}, not a regular file (name it on the command line to read it)`);
      }
    }
  };
  for (const p of paths) {
    if (p === stdinArgument) {
      out.push({ path: p, named: true, size: 0, stream: true });
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch {
      throw new MamoriError(errorCodes.io, `${p}: no such file or directory`);
    }
    if (info.isDirectory()) await walk(p);
    else if (info.isFIFO() || info.isSocket() || info.isCharacterDevice())
      out.push({ path: p, named: true, size: 0, stream: true });
    else out.push({ path: p, named: true, size: info.size });
  }
  return out;
}

function entryKind(e: Dirent): string {
  if (e.isFIFO()) return 'a FIFO';
  if (e.isSocket()) return 'a socket';
  if (e.isCharacterDevice() || e.isBlockDevice()) return 'a device';
  return 'not a file';
}
