import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSummary } from '../../src/cli/commands/ingest.js';
import { type IngestSummary, ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { defaultSensor, type LayoutFixture, layouts } from '../fixtures/zeek-json-layouts.js';
import { rejectsOf, scratchDir } from './ingest-helpers.js';

const root = scratchDir('json-layouts');

/** Writes a layout's files into their own folder; returns the folder. */
function writeLayout(name: string, fixture: LayoutFixture): string {
  const dir = path.join(root, 'in', name);
  mkdirSync(dir, { recursive: true });
  for (const [file, records] of Object.entries(fixture.files)) {
    writeFileSync(path.join(dir, file), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
  return dir;
}

let dbCount = 0;
async function ingestInto(
  paths: string[],
  opts: { engine?: 'auto' | 'js'; sensorFromData?: boolean } = {},
): Promise<{ store: DuckDBStore; summary: IngestSummary }> {
  const dir = path.join(root, `db${++dbCount}`);
  const store = await DuckDBStore.open({ dataDir: dir });
  const summary = await ingestPaths(paths, {
    store,
    sensor: defaultSensor,
    sensorFromData: opts.sensorFromData ?? true,
    tmpDir: path.join(dir, 'tmp'),
    engine: opts.engine ?? 'auto',
  });
  return { store, summary };
}

async function rowsByUid(store: DuckDBStore, table: string) {
  const logType = table === 'events' ? 'log_type' : `'${table}'`;
  return store.query(
    `SELECT uid, orig_h, orig_p::INTEGER AS orig_p, resp_h, resp_p::INTEGER AS resp_p, sensor,
            ${logType} AS log_type, epoch_us(ts)::BIGINT AS ts_us
     FROM "${table}" ORDER BY uid`,
  );
}

describe('Zeek JSON layouts written by real pipelines', () => {
  for (const [name, fixture] of Object.entries(layouts)) {
    it(`${name}: every record lands in its table with addresses, ports, sensor and log type`, async () => {
      const dir = writeLayout(name, fixture);
      const results: Record<string, unknown>[] = [];
      for (const engine of ['auto', 'js'] as const) {
        const { store, summary } = await ingestInto([dir], { engine });
        try {
          expect(summary.rejects, engine).toBe(0);
          expect(summary.rows, engine).toBe(fixture.rows.length);
          const got: Record<string, unknown> = {};
          for (const want of fixture.rows) {
            const rows = await rowsByUid(store, want.table);
            const r = rows.find((x) => x['uid'] === want.uid);
            expect(r, `${engine}: ${want.table} ${want.uid}`).toMatchObject({
              orig_h: want.orig[0],
              orig_p: want.orig[1],
              resp_h: want.resp[0],
              resp_p: want.resp[1],
              sensor: want.sensor,
              log_type: want.logType,
            });
            expect(r?.['ts_us'], `${engine}: ${want.uid} has a time`).not.toBeNull();
            got[`${want.table}:${want.uid}`] = r;
          }
          results.push(got);
        } finally {
          await store.close();
        }
      }
      // The store's JSON reader (or its decline to the JS engine) and the JS engine agree.
      expect(results[0]).toEqual(results[1]);
    });
  }

  it("Zeek's own JSON still goes through the store's JSON reader", async () => {
    const dir = writeLayout('zeek-json-native', layouts['zeek-json'] as LayoutFixture);
    const { store, summary } = await ingestInto([dir]);
    await store.close();
    expect(summary.outcomes.map((o) => o.engine)).toEqual(['native', 'native']);
    expect(summary.notes).toEqual([]);
  });

  it('--sensor given by the user wins over the sensor the records name', async () => {
    const dir = writeLayout('sensor-given', layouts['helk-mordor'] as LayoutFixture);
    const { store } = await ingestInto([dir], { sensorFromData: false });
    try {
      const rows = await store.query(
        'SELECT DISTINCT sensor FROM conn UNION SELECT DISTINCT sensor FROM ssl UNION SELECT DISTINCT sensor FROM events',
      );
      expect(rows.map((r) => r['sensor'])).toEqual([defaultSensor]);
    } finally {
      await store.close();
    }
  });

  it('keeps ISO times from Corelight to the microsecond', async () => {
    const dir = writeLayout('corelight-ts', layouts['corelight'] as LayoutFixture);
    const { store } = await ingestInto([dir]);
    try {
      const [r] = await rowsByUid(store, 'ssl');
      expect(Number(r?.['ts_us'])).toBe(Date.UTC(2024, 3, 19, 10, 0, 2) * 1000 + 654321);
    } finally {
      await store.close();
    }
  });
});

describe('log types guessed from file names', () => {
  let dir: string;
  let summary: IngestSummary;
  let store: DuckDBStore;
  const record = (uid: string, extra: object = {}) => ({
    ts: 1713520800,
    uid,
    'id.orig_h': '192.0.2.20',
    'id.orig_p': 40000,
    'id.resp_h': '198.51.100.20',
    'id.resp_p': 445,
    ...extra,
  });
  const files: Record<string, object> = {
    'UTICA-A_conn.log': record('U1', { proto: 'tcp' }),
    'UTICA-A_dns.log': record('U2', { query: 'a.example' }),
    'UTICA-A_http.log': record('U3', { method: 'GET' }),
    'UTICA-A_ssl.log': record('U4', { server_name: 'b.example' }),
    'UTICA-A_smb_mapping.log': record('U5', { path: '\\\\host\\share' }),
    'UTICA-A_dce_rpc.log': record('U6', { operation: 'Bind' }),
    'UTICA-B_conn.log': record('U7', { proto: 'tcp' }),
    'UTICA-B_files.log': { ts: 1713520800, fuid: 'F1', mime_type: 'text/plain' },
    'NASHUA_conn.log': record('N1', { proto: 'udp' }),
    'conn_20240419.log': record('D1', { proto: 'tcp' }),
    // Zeek's own names are read, not guessed.
    'conn.00-00-00-01-00-00.log': record('R1', { proto: 'tcp' }),
    'opt.basic__conn.log': record('B1', { proto: 'tcp' }),
    'open_conn.log': record('O1', { proto: 'tcp' }),
  };

  beforeAll(async () => {
    dir = path.join(root, 'in', 'names');
    mkdirSync(dir, { recursive: true });
    for (const [f, r] of Object.entries(files)) writeFileSync(path.join(dir, f), `${JSON.stringify(r)}\n`);
    ({ store, summary } = await ingestInto([dir]));
  });
  afterAll(async () => {
    await store.close();
  });

  it('several log types of one host in one folder do not merge', async () => {
    expect(summary.rejects).toBe(0);
    const uids = async (sql: string) => (await store.query(sql)).map((r) => r['uid']).sort();
    expect(await uids('SELECT uid FROM conn WHERE NOT is_open')).toEqual([
      'B1',
      'D1',
      'N1',
      'R1',
      'U1',
      'U7',
    ]);
    expect(await uids('SELECT uid FROM conn WHERE is_open')).toEqual(['O1']);
    expect(await uids('SELECT uid FROM dns')).toEqual(['U2']);
    expect(await uids('SELECT uid FROM http')).toEqual(['U3']);
    expect(await uids('SELECT uid FROM ssl')).toEqual(['U4']);
    expect((await store.query('SELECT fuid FROM files')).map((r) => r['fuid'])).toEqual(['F1']);
    const events = await store.query('SELECT log_type, uid FROM events ORDER BY uid');
    expect(events).toEqual([
      { log_type: 'smb_mapping', uid: 'U5' },
      { log_type: 'dce_rpc', uid: 'U6' },
    ]);
    const types = Object.fromEntries(summary.outcomes.map((o) => [path.basename(o.path), o.logType]));
    expect(types['UTICA-A_smb_mapping.log']).toBe('smb_mapping');
    expect(types['NASHUA_conn.log']).toBe('conn');
  });

  it('says which files had their type guessed, and as what', () => {
    const guessed = summary.notes.map((n) =>
      /\/([^/]+): 1 record names no log type .*read as "(\w+)"/.exec(n),
    );
    expect(guessed.every((m) => m !== null)).toBe(true);
    expect(Object.fromEntries(guessed.map((m) => [m?.[1], m?.[2]]))).toEqual({
      'NASHUA_conn.log': 'conn',
      'UTICA-A_conn.log': 'conn',
      'UTICA-A_dce_rpc.log': 'dce_rpc',
      'UTICA-A_dns.log': 'dns',
      'UTICA-A_http.log': 'http',
      'UTICA-A_smb_mapping.log': 'smb_mapping',
      'UTICA-A_ssl.log': 'ssl',
      'UTICA-B_conn.log': 'conn',
      'UTICA-B_files.log': 'files',
      'conn_20240419.log': 'conn',
    });
    // The terminal summary prints them as warnings (and --json carries `notes`).
    const text = describeSummary(summary);
    expect(text).toContain(`warning: ${path.join(dir, 'NASHUA_conn.log')}: 1 record names no log type`);
    const noted = summary.outcomes.filter((o) => o.notes).map((o) => path.basename(o.path));
    expect(noted).not.toContain('conn.00-00-00-01-00-00.log');
    expect(noted).not.toContain('open_conn.log');
  });
});

describe('conn, dns, http and ssl records without addresses', () => {
  it('are rejects naming the file, line and missing field, in both engines', async () => {
    const dir = path.join(root, 'in', 'no-addr');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'conn.log');
    const lines = [
      {
        ts: 1713520800,
        uid: 'A1',
        'id.orig_h': '192.0.2.1',
        'id.orig_p': 1,
        'id.resp_h': '192.0.2.2',
        'id.resp_p': 2,
      },
      { ts: 1713520801, uid: 'A2', 'id.orig_h': '192.0.2.1', 'id.orig_p': 1 },
      { ts: 1713520802, uid: 'A3', id_orig_p: 1, id_resp_p: 2 },
      { ts: 1713520803, uid: 'A4', 'id.orig_h': null, 'id.resp_h': '192.0.2.2' },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const reasons: unknown[] = [];
    for (const engine of ['auto', 'js'] as const) {
      const { store, summary } = await ingestInto([file], { engine });
      try {
        expect(summary.rows).toBe(1);
        expect(summary.outcomes[0]?.engine).toBe('js');
        const rejects = await rejectsOf(store, file);
        reasons.push(rejects.map((r) => [r.line, r.reason]));
      } finally {
        await store.close();
      }
    }
    expect(reasons[0]).toEqual([
      [2, 'conn record without responder address (id.resp_h)'],
      [3, 'conn record without originator and responder addresses (id.orig_h, id.resp_h)'],
      [4, 'conn record without originator address (id.orig_h)'],
    ]);
    expect(reasons[1]).toEqual(reasons[0]);
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));
