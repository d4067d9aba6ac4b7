import { realpathSync } from 'node:fs';
import { isAbsolute, sep } from 'node:path';
import type { FoundFile } from '../../io/input-files.js';
import { ApiError } from '../api/api-error.js';

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

function realRoots(roots: readonly string[]): string[] {
  return roots.flatMap((r) => {
    try {
      return [realpathSync(r)];
    } catch {
      return [];
    }
  });
}

/**
 * A server-side path a client asked to ingest, resolved with every symbolic link followed: it must
 * exist and lie inside one of `server.ingestRoots` (also resolved). No roots: no path is allowed.
 */
export function resolveIngestPath(given: string, roots: readonly string[], field = 'body.path'): string {
  if (roots.length === 0)
    throw new ApiError(
      'forbidden',
      'ingest by path is off: the config lists no server.ingestRoots (upload the files instead)',
      field,
    );
  if (!isAbsolute(given) || given.includes('\0'))
    throw new ApiError('badRequest', 'the path must be absolute', field);
  let real: string;
  try {
    real = realpathSync(given);
  } catch {
    throw new ApiError('notFound', 'no such file or folder', field);
  }
  if (!realRoots(roots).some((r) => inside(real, r)))
    throw new ApiError(
      'forbidden',
      'the path is outside the folders the server may ingest from (server.ingestRoots)',
      field,
    );
  return real;
}

/**
 * Files of a walk that stay inside the roots: a symbolic link inside a root that points out of it,
 * or a device or pipe, is kept only as a skipped entry, never read.
 */
export function confineToRoots(files: readonly FoundFile[], roots: readonly string[]): FoundFile[] {
  const real = realRoots(roots);
  return files.map((f) => {
    if (f.problem) return f;
    const out = { path: f.path, named: f.named, size: 0 };
    if (f.stream) return { ...out, problem: { status: 'skipped' as const, reason: 'not a regular file' } };
    let target: string;
    try {
      target = realpathSync(f.path);
    } catch {
      return { ...out, problem: { status: 'unreadable' as const, reason: 'cannot resolve the path' } };
    }
    return real.some((r) => inside(target, r))
      ? f
      : {
          ...out,
          problem: {
            status: 'skipped' as const,
            reason: 'a symbolic link out of the ingest roots, not read',
          },
        };
  });
}
