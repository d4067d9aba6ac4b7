import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Root of the read-only real data set: $MAMORI_SHARED_DATA, else ../shared/data next to the repo. */
export const sharedDataRoot = path.resolve(
  process.env.MAMORI_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data'),
);

/** True when the shared data folder is present. */
export const hasSharedData = existsSync(sharedDataRoot);

/** Absolute path of a file or folder inside the shared data set. */
export function sharedData(rel: string): string {
  return path.join(sharedDataRoot, rel);
}

let warned = false;

/**
 * A describe block that needs the shared data. Without the folder it is skipped (with one warning),
 * unless MAMORI_REQUIRE_SHARED_DATA=1 (CI), where a failing test says the data is missing.
 */
export function describeWithSharedData(name: string, fn: () => void): void {
  if (hasSharedData) {
    describe(name, fn);
    return;
  }
  const reason = `shared data not found at ${sharedDataRoot} (set MAMORI_SHARED_DATA to its location)`;
  if (process.env.MAMORI_REQUIRE_SHARED_DATA === '1') {
    describe(name, () => {
      it('has the shared data it needs', () => {
        throw new Error(`../shared/data is required in CI (MAMORI_REQUIRE_SHARED_DATA=1): ${reason}`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(`Skipping tests on real data: ${reason}`);
  }
  describe.skip(`${name} [skipped: ${reason}]`, fn);
}
