import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { errorCodes, isNoSpace, MamoriError, noSpaceError } from '../errors.js';
import { stdinArgument } from '../io/input-files.js';

let spoolCounter = 0;

const stdinNames = new Set([stdinArgument, '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/**
 * Copies a stream input (stdin, a FIFO, `/dev/stdin`) to a file in `tmpDir`, since identifying and
 * resuming a log needs to read it more than once. The name matches the stale-file rule (`stdin-<pid>-`),
 * so a killed run's copy is removed at the next start. Returns the copy's path.
 */
export async function spoolStreamInput(path: string, tmpDir: string): Promise<string> {
  if (stdinNames.has(path) && process.stdin.isTTY) {
    throw new MamoriError(
      errorCodes.usage,
      `'-' reads a log from stdin, but stdin is a terminal: pipe a log into it`,
    );
  }
  mkdirSync(tmpDir, { recursive: true });
  spoolCounter += 1;
  const spool = join(tmpDir, `stdin-${process.pid}-${spoolCounter}`);
  // stdin may be a socket (a parent process's pipe), which `/dev/stdin` cannot be opened on.
  const source = stdinNames.has(path) ? process.stdin : createReadStream(path);
  try {
    await pipeline(source, createWriteStream(spool, { flags: 'wx' }));
  } catch (err) {
    if (isNoSpace(err)) throw noSpaceError(`the data directory's ${tmpDir}`, err);
    throw err;
  }
  return spool;
}
