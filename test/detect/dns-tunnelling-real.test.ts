// The dns-tunnelling detector on real captures without tunnels (the tunnel pcaps cannot be ingested
// yet): competition traffic (WRCCDC 2018, 53k DNS rows behind domain controllers), the Kovter capture
// (009, NetBIOS and LLMNR noise), Simda's DGA (005) and the Trickbot week must raise nothing at medium.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

const captures = {
  wrccdc: 'zeek/zed-wrccdc2018/zeek-default',
  kovter: 'zeek/stratosphere/009-zeek-malicious',
  simda: 'zeek/stratosphere/005-zeek-scenario-malicious',
  trickbot: 'zeek/mta-trickbot-2018-11-09-week',
} as const;

describeWithSharedData('dns-tunnelling on real captures without tunnels', () => {
  let dir: string;
  const stores = new Map<string, DuckDBStore>();
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-tunnel-real-'));
    for (const [name, rel] of Object.entries(captures)) {
      const store = await DuckDBStore.open({ dataDir: path.join(dir, name) });
      await ingestPaths([sharedData(rel)], { store, sensor: name, tmpDir: path.join(dir, `${name}-tmp`) });
      stores.set(name, store);
    }
  });
  afterAll(async () => {
    for (const s of stores.values()) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises no medium or worse finding', async () => {
    for (const [name, store] of stores) {
      const { findings } = await runDetectors({ store, only: ['dns-tunnelling'] });
      expect(
        findings.filter((f) => f.score >= 0.5).map((f) => `${f.host} ${f.endpointDomain} ${f.score}`),
        name,
      ).toEqual([]);
    }
  });
});
