// The dga detector on real captures: Simda's DGA (Stratosphere 005) must be found; competition
// traffic (WRCCDC 2018), the Kovter capture (009) and the Trickbot week must stay quiet.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

async function ingested(dir: string, name: string, rel: string): Promise<DuckDBStore> {
  const store = await DuckDBStore.open({ dataDir: path.join(dir, name) });
  await ingestPaths([sharedData(rel)], { store, sensor: name, tmpDir: path.join(dir, `${name}-tmp`) });
  return store;
}

describeWithSharedData('dga on real captures', () => {
  let dir: string;
  const stores: Record<string, DuckDBStore> = {};
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-dga-real-'));
    stores['simda'] = await ingested(dir, 'simda', 'zeek/stratosphere/005-zeek-scenario-malicious');
    stores['wrccdc'] = await ingested(dir, 'wrccdc', 'zeek/zed-wrccdc2018/zeek-default');
    stores['kovter'] = await ingested(dir, 'kovter', 'zeek/stratosphere/009-zeek-malicious');
    stores['trickbot'] = await ingested(dir, 'trickbot', 'zeek/mta-trickbot-2018-11-09-week');
  });
  afterAll(async () => {
    for (const s of Object.values(stores)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds Simda's DGA on 192.168.1.116 with a resolved DGA domain as the endpoint", async () => {
    const { findings } = await runDetectors({ store: stores['simda']!, only: ['dga'] });
    const f = findings.find((x) => x.host === '192.168.1.116');
    expect(f?.score).toBeGreaterThanOrEqual(0.75);
    expect(f?.stats['nxDomains']).toBe(16);
    expect(f?.stats['randomDomains']).toBeGreaterThanOrEqual(13);
    // Simda's names: consonant, vowel, consonant, y, consonant, vowel, consonant, under .com.
    expect(f?.endpointDomain).toMatch(/^[a-z]{3}y[a-z]{3}\.com$/);
    expect(f?.endpointIp).not.toBeNull();
    // The same machine's IPv6 address runs the DGA too, through the router's resolver.
    expect(findings.some((x) => x.host.startsWith('fd77:') && x.score >= 0.9)).toBe(true);
  });

  it('reports nothing on competition traffic, the Kovter capture or the Trickbot week', async () => {
    for (const name of ['wrccdc', 'kovter', 'trickbot']) {
      const { findings } = await runDetectors({ store: stores[name]!, only: ['dga'] });
      expect(
        findings.map((f) => `${f.host} ${f.score}`),
        name,
      ).toEqual([]);
    }
  });
});
