import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { errorCodes, MamoriError } from '../errors.js';

// Links followed before giving up on a chain (Linux's own limit is 40).
const maxLinks = 40;

/**
 * Where writing `path` would land: symbolic links resolved, including a dangling last link and
 * directories that do not exist yet (writeFile follows a dangling link and creates its target).
 */
export function writeTarget(path: string, links = 0): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    // Not there (yet): a dangling link is followed by hand, anything else resolves via its parent.
  }
  if (links < maxLinks) {
    try {
      if (lstatSync(abs).isSymbolicLink()) {
        const to = readlinkSync(abs);
        return writeTarget(isAbsolute(to) ? to : join(dirname(abs), to), links + 1);
      }
    } catch {
      // Nothing at abs: resolve the parent.
    }
  }
  const parent = dirname(abs);
  return parent === abs ? abs : join(writeTarget(parent, links), basename(abs));
}

/** Device and inode of each file directly in `dir`, to catch a hard link to the store. */
function fileIds(dir: string): Set<string> {
  const ids = new Set<string>();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return ids;
  }
  for (const name of names) {
    try {
      const s = statSync(join(dir, name));
      if (s.isFile()) ids.add(`${s.dev}:${s.ino}`);
    } catch {
      // Gone or unreadable: nothing to protect there.
    }
  }
  return ids;
}

/**
 * Refuses an output file (`report --out`, `hunt --out`) that would overwrite the store, its WAL or
 * anything else in the data directory: by path after resolving links, or as a hard link to one of
 * the data directory's files. A usage error (exit 2) naming both.
 */
export function checkOutPath(out: string, dataDir: string): void {
  const target = writeTarget(out);
  const data = writeTarget(dataDir);
  const refuse = (why: string) =>
    new MamoriError(
      errorCodes.usage,
      `--out ${out}: ${why}; reports are never written inside the data directory ${dataDir}, choose another path`,
    );
  if (target === data || target.startsWith(data.endsWith(sep) ? data : data + sep)) {
    throw refuse(target === resolve(out) ? 'it is inside the data directory' : `it leads to ${target}`);
  }
  try {
    const s = statSync(target);
    if (s.isFile() && fileIds(data).has(`${s.dev}:${s.ino}`))
      throw refuse('it is a hard link to a file of the data directory');
  } catch (err) {
    if (err instanceof MamoriError) throw err;
    // Does not exist yet: a new file cannot be one of the store's.
  }
}
