// Opens every backend of `storeBackends` for the aggregate contract suite (Hono's common.case.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { type IpRange, ipRange } from '../../src/net/ip-range.js';
import { storeBackends } from '../../src/store/open-store.js';
import type { TelemetryTableName } from '../../src/store/schema/tables.js';
import type { BackendName, CellValue, Store } from '../../src/store/store.js';
import { skippedSuffix } from '../helpers/skip-reasons.js';
import { rowOf } from '../helpers/telemetry-row.js';

/** Backends that cannot run the suite here, each with why; the suite names the reason when it skips. */
export const backendSkips: Partial<Record<BackendName, string>> = {};

/**
 * Declares `body` once per backend: `open()` gives a fresh store in its own temp dir, closed and
 * removed after the backend's suite.
 */
export function describeEachBackend(
  family: string,
  body: (open: () => Promise<Store>, backend: BackendName) => void,
): void {
  for (const backend of Object.keys(storeBackends) as BackendName[]) {
    const skip = backendSkips[backend];
    if (skip !== undefined) {
      describe.skip(`aggregate contract (${family}): ${backend}${skippedSuffix(skip)}`, () => {});
      continue;
    }
    describe(`aggregate contract (${family}): ${backend}`, () => {
      const opened: { dir: string; store: Store }[] = [];
      afterAll(async () => {
        for (const o of opened) {
          await o.store.close();
          rmSync(o.dir, { recursive: true, force: true });
        }
      });
      body(async () => {
        const dir = mkdtempSync(join(tmpdir(), `mamori-aggregates-${backend}-`));
        const store = await storeBackends[backend]({ dataDir: dir });
        opened.push({ dir, store });
        return store;
      }, backend);
    });
  }
}

/** A fixture record; `extra` is the JSON text kept beside the columns (DHCP fields, EVE records). */
export type FixtureRecord = Readonly<Record<string, CellValue>> & { readonly extra?: string };

/** Ingests fixture records as one committed batch of one sensor and file. */
export async function ingest(
  store: Store,
  from: { readonly sensor: string; readonly file: string },
  tables: Partial<Record<TelemetryTableName, readonly FixtureRecord[]>>,
): Promise<void> {
  const b = await store.beginBatch({ sensor: from.sensor, sourceFile: from.file, engine: 'zeek' });
  for (const t of Object.keys(tables) as TelemetryTableName[]) await b.prepare(t);
  for (const [t, records] of Object.entries(tables) as [TelemetryTableName, FixtureRecord[]][])
    for (const { extra, ...record } of records) b.append(t, rowOf(t, record), extra ?? null);
  await b.commit();
}

/** Fixture time zero: 2023-11-15T00:00:00Z, a midnight, so clock hours read off the offsets. */
export const T0 = 1700006400;

/** A `ts` value `seconds` after T0 (microseconds, as the tables store it). */
export const at = (seconds: number): bigint => BigInt(T0 + seconds) * 1000000n;

/** The ISO text the aggregates give for `seconds` after T0. */
export const iso = (seconds: number): string => new Date((T0 + seconds) * 1000).toISOString();

/** Epoch seconds of `seconds` after T0. */
export const epoch = (seconds: number): number => T0 + seconds;

/** 10.0.0.0/8, the monitored network of every fixture unless a test says otherwise. */
export const internal: readonly IpRange[] = [ipRange('10.0.0.0/8')];

/** Rows sorted by a text key: for aggregates whose row order is not part of their contract. */
export function sortedBy<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
