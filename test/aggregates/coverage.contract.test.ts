// The suite's own completeness: every detect aggregate has an adapter entry, and so a contract case.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import * as calls from './aggregate-calls.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** Files under `dir` (recursively) whose name ends with `suffix`. */
function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The aggregates the code defines: methods of the store's `detect` object while it lasts, and the
 * functions a `*-query.ts` exports over an analytics session.
 */
async function definedAggregates(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-aggregates-'));
  const store = await openStore({ dataDir: dir });
  const detect = (store as unknown as { detect?: object }).detect ?? {};
  const methods = Object.keys(detect);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const exported = ['detect', 'incidents'].flatMap((d) =>
    filesUnder(join(root, 'src', d), '-query.ts').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/export (?:async )?function (\w+)\(\s*s: AnalyticsSession/g)].map(
        (m) => m[1] ?? '',
      ),
    ),
  );
  return [...new Set([...methods, ...exported])].sort();
}

describe('aggregate contract coverage', () => {
  it('14.2: every aggregate is under contract', async () => {
    const adapter = Object.entries(calls)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k)
      .sort();
    // One adapter function per listed aggregate, and every aggregate the code defines is listed.
    expect(adapter).toEqual([...calls.aggregateNames].sort());
    expect(await definedAggregates()).toEqual([...calls.aggregateNames].sort());
    // Each listed aggregate is called by a contract file, so none is listed but untested.
    const suites = filesUnder(here, '.contract.test.ts')
      .filter((f) => !f.endsWith('coverage.contract.test.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const uncalled = calls.aggregateNames.filter((n) => !new RegExp(`\\b${n}\\(\\s*store\\b`).test(suites));
    expect(uncalled).toEqual([]);
  });
});
