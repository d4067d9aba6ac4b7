// The rare-destinations detector on labelled real captures: the MTA Trickbot week (two hosts, C2
// servers appearing over the week) and RITA's beacon through a proxy.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { realDatasets } from '../../bench/detect/real-datasets.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-rare-real-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function findingsOf(name: string, files: readonly string[]): Promise<Finding[]> {
  const store = await DuckDBStore.open({ dataDir: path.join(dir, name) });
  try {
    await ingestPaths(files, { store, sensor: name, tmpDir: path.join(dir, `${name}-tmp`) });
    return [...(await runDetectors({ store, only: ['rare-destinations'] })).findings];
  } finally {
    await store.close();
  }
}

/** The Trickbot C2 servers of the benchmark's ground truth (SOURCES.md §6). */
const trickbot = new Set(realDatasets.find((d) => d.name === 'Trickbot week')?.truth[0]?.servers ?? []);

describeWithSharedData('rare-destinations on real captures', () => {
  it('finds only the Trickbot servers that appeared during the week, the most persistent as medium', async () => {
    const data = sharedData('zeek/mta-trickbot-2018-11-09-week');
    const found = await findingsOf(
      'trickbot',
      ['conn', 'dns', 'ssl', 'http'].map((t) => path.join(data, `${t}.log`)),
    );
    expect(trickbot.size).toBeGreaterThan(10);
    // Every port-449/447 server reported is a known C2; the rest are Trickbot's self-signed 443 servers.
    const c2Ports = found.filter((f) =>
      ['449', '447'].some((p) => (f.stats['ports'] as string[]).includes(p)),
    );
    expect(c2Ports.length).toBeGreaterThan(3);
    expect(c2Ports.every((f) => trickbot.has(f.endpointIp ?? ''))).toBe(true);
    expect(found[0]?.endpointIp).toBe('66.60.121.58');
    expect(found[0]?.severity).toBe('medium');
    expect(found[0]?.stats['newness']).toBeGreaterThan(0.7);
    expect(found.some((f) => f.endpointIp?.startsWith('172.16.'))).toBe(false);
    expect(found.every((f) => f.score < 0.75)).toBe(true);
  });

  it('reports the proxied beacon by its name, not by the proxy’s address', async () => {
    const data = sharedData('zeek/rita-proxy');
    const found = await findingsOf(
      'proxy',
      ['conn', 'dns', 'ssl', 'http'].map((t) => path.join(data, `${t}.log`)),
    );
    const beacon = found.find((f) => f.host === '10.136.0.18');
    expect(beacon?.endpointDomain).toBe('honestimnotevil.com');
    expect(beacon?.endpointIp).toBeNull();
    expect(beacon?.stats['hoursOfDay']).toBe(24);
  });
});
