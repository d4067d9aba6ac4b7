// What the simulator writes is what mamori ingests: every row lands, nothing is rejected, and the
// labels file is skipped as not telemetry.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { simulate } from '../../src/sim/simulate.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { tempDir } from './sim-helpers.js';

const dir = tempDir('ingest');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.each(['native', 'js'] as const)('ingests a composed run with zero rejects (%s engine)', async (engine) => {
  const out = path.join(dir, `logs-${engine}`);
  const truth = await simulate({
    out,
    scenario: 'office+apt+commodity+dns-tunnel+dga',
    hosts: 20,
    hours: 8,
    start: '2016-06-01T06:00:00Z',
    seed: 3,
    tunnel: 'dns2tcp',
    c2Proto: 'http',
  });
  const store = await DuckDBStore.open({ dataDir: path.join(dir, `store-${engine}`) });
  try {
    const s = await ingestPaths([out], { store, sensor: 'sim', tmpDir: path.join(dir, 'tmp'), engine });
    expect(s.rejects).toBe(0);
    expect(s.byStatus.failed).toBe(0);
    expect(s.byStatus.skipped).toBe(1);
    expect(s.byStatus.ingested).toBe(truth.logs.files);
    expect(s.rowsByTable).toEqual(truth.logs.rows);
    const [c] = await store.query(
      'SELECT count(*) AS n, count(duration) AS d, min(ts) AS first, max(ts) AS last FROM conn',
    );
    expect(Number(c?.['n'])).toBe(truth.logs.rows.conn);
    expect(Number(c?.['d'])).toBeGreaterThan(Number(c?.['n']) * 0.95);
    const txt = await store.query(
      "SELECT count(*) AS n FROM dns WHERE qtype_name = 'TXT' AND len(answers) > 0",
    );
    expect(Number(txt[0]?.['n'])).toBeGreaterThan(0);
    const tls = await store.query(
      "SELECT count(*) AS n FROM ssl WHERE server_name IS NOT NULL AND ja3 IS NOT NULL AND version IN ('TLSv12', 'TLSv13')",
    );
    expect(Number(tls[0]?.['n'])).toBe(truth.logs.rows.ssl);
  } finally {
    await store.close();
  }
});
