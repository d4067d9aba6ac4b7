import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `mamori-sim-${prefix}-`));
}

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** SHA-256 of every file under `dir`, by relative path. */
export function digests(dir: string): Record<string, string> {
  return Object.fromEntries(
    filesUnder(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
}

/** The data lines of every hourly file of one log type, in file order. */
export function logLines(dir: string, log: string): string[] {
  return filesUnder(dir)
    .filter((f) => path.basename(f).startsWith(`${log}.`))
    .flatMap((f) =>
      gunzipSync(readFileSync(path.join(dir, f)))
        .toString('latin1')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#')),
    );
}

/** The records of one log type as objects keyed by Zeek field name. */
export function readLog(dir: string, log: string): Record<string, string>[] {
  const first = filesUnder(dir).find((f) => path.basename(f).startsWith(`${log}.`));
  if (!first) return [];
  const header = gunzipSync(readFileSync(path.join(dir, first)))
    .toString('latin1')
    .split('\n')
    .find((l) => l.startsWith('#fields\t'));
  const fields = (header ?? '').split('\t').slice(1);
  return logLines(dir, log).map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(fields.map((f, i) => [f, cells[i] ?? '']));
  });
}
