import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `<data>/server.json`: how the CLI finds the process that owns the store (`mamori serve`, or
 * `ingest --follow`). It holds a token that acts as the local admin, so it is written 0600: whoever
 * can read it could already open the database file.
 */
export const serverFileName = 'server.json';

export const serverFileSchema = z.object({
  /** `serve` answers the whole API; `ingest-follow` only the store routes (snapshot). */
  kind: z.enum(['serve', 'ingest-follow']),
  pid: z.int(),
  /** Loopback base URL of the API (`http://127.0.0.1:PORT`), even when serve also listens elsewhere. */
  url: z.string(),
  /** Bearer token of the local CLI (principal `local`, role admin). */
  token: z.string(),
  startedAt: z.string(),
});
export type ServerFile = z.infer<typeof serverFileSchema>;

export function writeServerFile(dataDir: string, f: ServerFile): void {
  writeFileSync(join(dataDir, serverFileName), `${JSON.stringify(f, null, 2)}\n`, { mode: 0o600 });
}

export function removeServerFile(dataDir: string, pid = process.pid): void {
  const f = readServerFile(dataDir);
  if (f && f.pid === pid) rmSync(join(dataDir, serverFileName), { force: true });
}

/** The server file when its process is alive; a stale one (a killed server) reads as null. */
export function readServerFile(dataDir: string): ServerFile | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, serverFileName), 'utf8');
  } catch {
    return null;
  }
  let parsed: ServerFile;
  try {
    parsed = serverFileSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
  return processAlive(parsed.pid) ? parsed : null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
