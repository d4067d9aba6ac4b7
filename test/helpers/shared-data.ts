import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { skipMarker, skippedSuffix } from './skip-reasons.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Root of the read-only real data set: $MAMORI_SHARED_DATA, else ../shared/data next to the repo. */
export const sharedDataRoot = path.resolve(
  process.env.MAMORI_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data'),
);

/** Absolute path of a file or folder inside the shared data set. */
export function sharedData(rel: string): string {
  return path.join(sharedDataRoot, rel);
}

// The data set's index: an empty or unrelated folder lacks it, so a suite that names nothing more
// still skips there instead of crashing on its first read.
const marker = 'SOURCES.md';

/** The files and folders of `needs` (relative to the data root) that are not there. */
export function missingSharedData(needs: readonly string[]): string[] {
  return [marker, ...needs].filter((rel) => !existsSync(sharedData(rel)));
}

/** True when the shared data set is there (its index at least). */
export const hasSharedData = missingSharedData([]).length === 0;

const warned = new Set<string>();

/**
 * A describe block that needs the shared data: the data set's index and every path in `needs`
 * (files or folders, relative to the root). When one is missing the block is skipped with the
 * reason in its name, unless MAMORI_REQUIRE_SHARED_DATA=1 (CI), where a failing test says what is
 * missing. Suites must read the data only inside `fn`'s hooks and tests, never at collection.
 */
export function describeWithSharedData(name: string, fn: () => void): void;
export function describeWithSharedData(name: string, needs: readonly string[], fn: () => void): void;
export function describeWithSharedData(
  name: string,
  needsOrFn: readonly string[] | (() => void),
  maybeFn?: () => void,
): void {
  const needs = typeof needsOrFn === 'function' ? [] : needsOrFn;
  const fn = typeof needsOrFn === 'function' ? needsOrFn : (maybeFn as () => void);
  const missing = missingSharedData(needs);
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const reason = `${skipMarker.sharedData}: ${missing.slice(0, 2).join(', ')}${missing.length > 2 ? ` and ${missing.length - 2} more` : ''} not in ${sharedDataRoot} (set MAMORI_SHARED_DATA to a copy of ../shared/data)`;
  if (process.env.MAMORI_REQUIRE_SHARED_DATA === '1') {
    describe(name, () => {
      it('has the shared data it needs', () => {
        throw new Error(`../shared/data is required in CI (MAMORI_REQUIRE_SHARED_DATA=1): ${reason}`);
      });
    });
    return;
  }
  if (!warned.has(reason)) {
    warned.add(reason);
    console.warn(`Skipping tests on real data: ${reason}`);
  }
  describe.skip(`${name}${skippedSuffix(reason)}`, () => {
    // Skipped blocks are still collected to list their tests; one that reads the data while being
    // collected must not turn a skip into a crash on a fresh clone.
    try {
      fn();
    } catch {
      it.skip('(its tests are listed from the data)', () => {});
    }
  });
}
