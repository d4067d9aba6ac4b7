import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AlertTarget } from './alert-target.js';

/** Appends one JSON line per alert to a file (created with its folder when missing). */
export function jsonlTarget(file: string): AlertTarget {
  return {
    name: `jsonl:${file}`,
    async send(alert) {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(alert)}\n`, { mode: 0o640 });
    },
  };
}
