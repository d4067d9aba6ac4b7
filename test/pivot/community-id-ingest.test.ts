// Issue 15.1: the Community ID of a flow is kept whichever reader stores the Zeek JSON conn log.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-community-id-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const conn = {
  ts: 1714521600.5,
  uid: 'CJ1',
  'id.orig_h': '10.0.0.5',
  'id.orig_p': 50000,
  'id.resp_h': '203.0.113.50',
  'id.resp_p': 443,
  proto: 'tcp',
  community_id: '1:zeekJson=',
};
const ecs = {
  '@timestamp': '2024-05-01T00:00:01.000Z',
  event: { module: 'zeek', dataset: 'conn' },
  log: { id: { uid: 'CE1' } },
  source: { ip: '10.0.0.6', port: 51000 },
  destination: { ip: '203.0.113.51', port: 443 },
  network: { transport: 'tcp', community_id: '1:ecs=' },
};

it.each(['native', 'js'] as const)(
  '15.1: community_id of a Zeek JSON conn log is stored (%s engine)',
  async (engine) => {
    const sub = join(dir, engine);
    writeFileSync(join(dir, `conn-${engine}.log`), `${JSON.stringify(conn)}\n`);
    const store = await DuckDBStore.open({ dataDir: sub });
    try {
      await ingestPaths([join(dir, `conn-${engine}.log`)], {
        store,
        sensor: 's',
        tmpDir: join(sub, 'tmp'),
        engine,
      });
      expect(await store.query(`SELECT uid, community_id FROM conn`)).toEqual([
        { uid: 'CJ1', community_id: '1:zeekJson=' },
      ]);
    } finally {
      await store.close();
    }
  },
);

it('15.1: community_id of an ECS-shaped Zeek record (network.community_id) is stored', async () => {
  const sub = join(dir, 'ecs');
  writeFileSync(join(dir, 'so-export.json'), `${JSON.stringify(ecs)}\n`);
  const store = await DuckDBStore.open({ dataDir: sub });
  try {
    await ingestPaths([join(dir, 'so-export.json')], { store, sensor: 's', tmpDir: join(sub, 'tmp') });
    expect(await store.query(`SELECT uid, community_id FROM conn`)).toEqual([
      { uid: 'CE1', community_id: '1:ecs=' },
    ]);
  } finally {
    await store.close();
  }
});

it('15.1: a store from before community_id gets the column on upgrade, and loads still land by name', async () => {
  const sub = join(dir, 'upgrade');
  const old = await DuckDBStore.open({ dataDir: sub });
  // A v12 store: conn without the column (an upgrade adds it after the provenance columns).
  await old.query(`ALTER TABLE conn DROP COLUMN community_id`);
  await old.query(`UPDATE schema_meta SET value = '12' WHERE key = 'version'`);
  await old.close();
  const store = await DuckDBStore.open({ dataDir: sub });
  try {
    for (const [n, engine] of (['native', 'js'] as const).entries()) {
      const file = join(dir, `conn-upgrade-${engine}.log`);
      writeFileSync(file, `${JSON.stringify({ ...conn, ts: conn.ts + n, uid: `CU${n}` })}\n`);
      await ingestPaths([file], { store, sensor: 's', tmpDir: join(sub, 'tmp'), engine });
    }
    expect(await store.query(`SELECT uid, orig_h, community_id, sensor FROM conn ORDER BY uid`)).toEqual(
      [0, 1].map((n) => ({ uid: `CU${n}`, orig_h: '10.0.0.5', community_id: '1:zeekJson=', sensor: 's' })),
    );
  } finally {
    await store.close();
  }
});
