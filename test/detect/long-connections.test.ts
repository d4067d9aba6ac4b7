import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { tryIpRange } from '../../src/net/ip-range.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import type { CellValue } from '../../src/store/store.js';
import { rowOf } from '../helpers/telemetry-row.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-long-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reports a 9-hour session and an open tunnel to external servers, not internal pairs or short ones', async () => {
  const store = await DuckDBStore.open({ dataDir: dir });
  try {
    const b = await store.beginBatch({ sensor: 't', sourceFile: '/x', engine: 'zeek' });
    await b.prepare('conn');
    const row = (r: Record<string, CellValue>) => rowOf('conn', r);
    const t0 = BigInt(Date.parse('2024-04-01T08:00:00Z')) * 1000n;
    const conn = (uid: string, orig: string, resp: string, duration: number, open = false) =>
      row({
        ts: t0,
        uid,
        orig_h: orig,
        resp_h: resp,
        resp_p: 443,
        duration,
        orig_bytes: 100,
        resp_bytes: 200,
        is_open: open,
      });
    b.append('conn', conn('C1', '10.0.0.5', '198.51.100.9', 9 * 3600), null);
    b.append('conn', conn('C2', '10.0.0.6', '198.51.100.10', 7 * 3600, true), null);
    b.append('conn', conn('C3', '10.0.0.7', '10.0.0.8', 20 * 3600), null);
    b.append('conn', conn('C4', '10.0.0.9', '198.51.100.11', 600), null);
    await b.commit();
    const run = await runDetectors({ store, only: ['long-connections'] });
    expect(run.findings.map((f) => `${f.host}>${f.endpointIp}`)).toEqual([
      '10.0.0.5>198.51.100.9',
      '10.0.0.6>198.51.100.10',
    ]);
    expect(run.findings[1]?.explanation).toMatch(/1 still open/);

    // A benign warninglist naming the first server down-weights and labels it; nothing is dropped.
    const w = await store.intel.beginImport({ source: 'wl', kind: 'warninglist', path: '/wl', digest: 'wl' });
    const r = tryIpRange('198.51.100.9/32');
    await w.addWarninglist({
      name: 'cloud-ranges',
      description: 'a cloud provider',
      version: '1',
      matchType: 'cidr',
      category: 'false-positive',
      matchingAttributes: ['ip-dst'],
      scope: ['ipv4', 'cidr'],
      suppresses: true,
      entries: [{ value: '198.51.100.9/32', ipVersion: 4, ipLo: r?.lo ?? null, ipHi: r?.hi ?? null }],
    });
    await w.commit(new Map());
    const again = await runDetectors({ store, only: ['long-connections'] });
    const listed = again.findings.find((f) => f.endpointIp === '198.51.100.9');
    // Held under high while alone (0.74), then ×0.3 for the warninglist.
    expect(listed?.score).toBe(0.222);
    expect(listed?.stats['warninglists']).toEqual(['cloud-ranges']);
    expect(listed?.explanation).toMatch(/Down-weighted: the destination is on the cloud-ranges warninglist/);
    expect(again.findings[0]?.endpointIp).toBe('198.51.100.10');
  } finally {
    await store.close();
  }
});
