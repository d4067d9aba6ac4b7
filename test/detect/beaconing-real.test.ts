// The beaconing detector on a labelled real capture: Trickbot's port-449 C2 from both infected hosts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

describeWithSharedData('beaconing on the MTA Trickbot week', ['zeek/mta-trickbot-2018-11-09-week'], () => {
  let dir: string;
  let store: DuckDBStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-beacon-'));
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    await ingestPaths([sharedData('zeek/mta-trickbot-2018-11-09-week')], {
      store,
      sensor: 'mta',
      tmpDir: path.join(dir, 'tmp'),
    });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts a port-449 C2 server among the top 3 findings of each infected host, with an explanation', async () => {
    const run = await runDetectors({ store, only: ['beaconing'] });
    for (const host of ['172.16.9.233', '172.16.9.5']) {
      const top3 = run.findings.filter((f) => f.host === host).slice(0, 3);
      expect(
        top3.some((f) => (f.stats['ports'] as string[]).includes('449')),
        host,
      ).toBe(true);
      expect(top3[0]?.explanation).toMatch(
        new RegExp(`^${host.replaceAll('.', '\\.')} called .* about every`),
      );
    }
    // Internal-to-internal traffic (the domain controller) is never a beacon.
    expect(run.findings.some((f) => f.endpointIp?.startsWith('172.16.'))).toBe(false);
  });
});
