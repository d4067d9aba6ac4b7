// Beaconing keyed by name: a C2 domain that moves across addresses is one series and one finding.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { rowOf } from '../helpers/telemetry-row.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('follows a C2 domain across three addresses as one jittered beacon, and drops the per-address duplicates', async () => {
  const store = await DuckDBStore.open({ dataDir: dir });
  try {
    const b = await store.beginBatch({ sensor: 't', sourceFile: '/x', engine: 'zeek' });
    for (const t of ['conn', 'ssl', 'dns'] as const) await b.prepare(t);
    const ips = ['198.51.100.10', '198.51.100.20', '203.0.113.30'];
    const start = Date.parse('2024-05-01T00:00:00Z') / 1000;
    let t = start;
    let n = 0;
    // Every 10 minutes ±40% for two days; the domain moves to a new address every 16 hours.
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    while (t < start + 2 * 86_400) {
      const ip = ips[Math.floor((t - start) / (16 * 3600))] as string;
      const uid = `C${n++}`;
      const ts = BigInt(Math.round(t * 1e6));
      b.append(
        'conn',
        rowOf('conn', {
          ts,
          uid,
          orig_h: '10.1.1.5',
          resp_h: ip,
          resp_p: 443,
          proto: 'tcp',
          orig_bytes: 512,
          resp_bytes: 90,
          duration: 1,
        }),
        null,
      );
      b.append(
        'ssl',
        rowOf('ssl', {
          ts,
          uid,
          orig_h: '10.1.1.5',
          resp_h: ip,
          resp_p: 443,
          server_name: 'cdn.update-check.example',
        }),
        null,
      );
      t += 600 * (1 + (rand() * 2 - 1) * 0.4);
    }
    await b.commit();
    const run = await runDetectors({ store, only: ['beaconing'] });
    expect(run.findings).toHaveLength(1);
    const f = run.findings[0];
    expect(f?.endpointDomain).toBe('cdn.update-check.example');
    expect(f?.stats['keyedBy']).toBe('name');
    expect([...((f?.stats['ips'] as string[]) ?? [])].sort()).toEqual(ips);
    expect(f?.stats['scoreBeforeCorroboration']).toBeGreaterThanOrEqual(0.75);
    expect(f?.explanation).toMatch(/^10\.1\.1\.5 called cdn\.update-check\.example \(.*\) at 3 addresses/);
  } finally {
    await store.close();
  }
});
