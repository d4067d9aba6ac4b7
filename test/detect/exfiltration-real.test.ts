// The exfiltration detector on labelled real captures whose "exfiltration" is kilobytes: at the
// default volumes nothing may fire; scaled down to kilobytes, the logic must still pick a one-off
// upload over download-heavy C2 and small daily reports.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createExfiltrationDetector } from '../../src/detect/exfiltration/exfiltration-detector.js';
import { InternalNetworks } from '../../src/detect/internal-networks.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

async function open(dir: string, rel: string): Promise<DuckDBStore> {
  const store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
  await ingestPaths([sharedData(rel)], { store, sensor: 'real', tmpDir: path.join(dir, 'tmp') });
  return store;
}

describeWithSharedData('exfiltration on the MTA Trickbot week', () => {
  let dir: string;
  let store: DuckDBStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-exfil-tb-'));
    store = await open(dir, 'zeek/mta-trickbot-2018-11-09-week');
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing at the default volumes: no pair sent even 1 MB out', async () => {
    const run = await runDetectors({ store, only: ['exfiltration'] });
    expect(run.findings).toEqual([]);
  });

  it('scaled down to kilobytes, puts the domain controller one-off DCE/RPC upload on 443 first', async () => {
    const tiny = createExfiltrationDetector({ minBytes: 10e3, fullBytes: 1e6, hourFloor: 1e3 });
    const found = await tiny.run({ store, internal: new InternalNetworks() });
    // 308 KB out and 50 KB back in one Sunday session, never repeated.
    expect(found[0]?.host).toBe('172.16.9.5');
    expect(found[0]?.endpointIp).toBe('195.54.32.88');
    expect(found[0]?.stats['novelty']).toBe(1);
    // The port-449 C2 downloads far more than it uploads, and the 8082 reports are small and daily.
    expect(found.some((f) => (f.stats['ports'] as string[])[0] === '449')).toBe(false);
    expect(found.some((f) => f.endpointIp === '173.171.132.82')).toBe(false);
  });
});

describeWithSharedData('exfiltration on the RemcosRAT capture (CTU-SME-11)', () => {
  let dir: string;
  let store: DuckDBStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-exfil-remcos-'));
    store = await open(dir, 'zeek/slips/test18-malicious-ctu-sme-11-win');
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing: the labelled exfiltration channel was refused (719 REJ connections, 0 bytes)', async () => {
    const run = await runDetectors({ store, only: ['exfiltration'] });
    expect(run.findings).toEqual([]);
  });
});
