// Issue 15.1-15.2: findings carry ids and the uids behind them; the raw rows behind a finding, host,
// server or indicator, paged, and exported as CSV or JSON lines with hostile values kept as data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.test-helper.js';
import { decodeRowsCursor, encodeRowsCursor, type RawRow } from '../../src/store/pivot/raw-rows-query.js';
import { pivotRows } from '../../src/store/pivot/rows-pivot.js';
import { findingById, listFindings } from '../../src/store/pivot/stored-findings-query.js';
import { BEACONS, C2, C2_NAME, HOST, hostile, openPivotFixture, type PivotFixture } from './pivot-fixture.js';

let fx: PivotFixture;
beforeAll(async () => {
  fx = await openPivotFixture();
}, 60_000);
afterAll(async () => fx?.close());

const beacon = () => {
  const f = fx.run.findings.find((x) => x.detector === 'beaconing' && x.scope === 'site-a');
  if (!f?.id) throw new Error(`no beaconing finding in site-a: ${fx.run.findings.map((x) => x.detector)}`);
  return f;
};

describe('15.1 finding ids and evidence', () => {
  it('15.1: community_id is kept from Zeek TSV conn logs and from EVE flows and alerts', async () => {
    const conn = await fx.store.query(
      `SELECT count(*)::INTEGER AS n, min(community_id) AS c FROM conn WHERE sensor = 'site-a' AND community_id LIKE '1:CA%'`,
    );
    expect(conn[0]).toEqual({ n: BEACONS, c: '1:CA000=' });
    const eve = await fx.store.query(
      `SELECT (SELECT community_id FROM alerts) AS a, (SELECT community_id FROM conn WHERE uid = '1234567890') AS f`,
    );
    expect(eve[0]).toEqual({ a: '1:eveAlert=', f: '1:eveAlert=' });
  });

  it('15.1: each finding has an F- id and its uids, from its own network only', async () => {
    const f = beacon();
    expect(f.id).toMatch(/^F-[0-9a-f]{12}$/);
    expect(f.evidence?.uidCount).toBeGreaterThanOrEqual(BEACONS);
    expect(f.evidence?.uids.length).toBe(20);
    expect(f.evidence?.uids[0]).toBe('CA0');
    expect(f.evidence?.uids.every((u) => !u.startsWith('CB'))).toBe(true);
    expect(f.evidence?.communityIds).toHaveLength(10);
    // The same relation in the other network is another finding with another id.
    const other = fx.run.findings.find((x) => x.detector === 'beaconing' && x.scope === 'site-b');
    expect(other?.id).toBeDefined();
    expect(other?.id).not.toBe(f.id);
    expect(other?.evidence?.uids.every((u) => u.startsWith('CB'))).toBe(true);
  });

  it('15.1: stored findings read back with id and evidence, otherwise unchanged', async () => {
    const f = beacon();
    const stored = await findingById(fx.store.analytics, (f.id as string).toLowerCase());
    expect(stored?.finding).toEqual(f);
    const list = await listFindings(fx.store.analytics, { host: HOST, offset: 0, limit: 100 });
    expect(list.items.map((x) => x.finding)).toEqual(fx.run.findings.filter((x) => x.host === HOST));
  });

  it('15.1: findings stored before v13 read without id and evidence', async () => {
    await fx.store.query(`CREATE TEMP TABLE keep AS SELECT * FROM findings`);
    const runs = await fx.store.query(`SELECT max(run_id)::INTEGER AS r FROM findings`);
    await fx.store.query(
      `UPDATE findings SET finding_id = NULL, uids = NULL, uid_count = NULL, community_ids = NULL`,
    );
    try {
      const list = await listFindings(fx.store.analytics, { offset: 0, limit: 1 });
      expect(list.runId).toBe(runs[0]?.['r']);
      expect(list.items[0]?.finding).not.toHaveProperty('id');
      expect(list.items[0]?.finding).not.toHaveProperty('evidence');
    } finally {
      await fx.store.query(`DELETE FROM findings`);
      await fx.store.query(`INSERT INTO findings SELECT * FROM keep`);
    }
  });
});

const valuesOf = (rows: readonly RawRow[], table: string, column: string) =>
  rows.filter((r) => r.table === table).map((r) => r.values[column]);

describe('15.2 raw rows', () => {
  it('15.2: a finding pivots to its connections, lookups, requests, TLS, files and alerts in its span and network', async () => {
    const f = beacon();
    const page = await pivotRows(fx.store.analytics, { finding: f.id }, { table: 'all', limit: 1000 });
    expect(page?.next).toBeNull();
    const rows = page?.rows ?? [];
    const conn = valuesOf(rows, 'conn', 'uid');
    expect(conn.filter((u) => String(u).startsWith('CA'))).toHaveLength(BEACONS);
    expect(conn.some((u) => String(u).startsWith('CB'))).toBe(false);
    expect(valuesOf(rows, 'ssl', 'server_name')).toEqual([C2_NAME]);
    expect(valuesOf(rows, 'http', 'user_agent')).toEqual([hostile.ansi, hostile.long]);
    expect(valuesOf(rows, 'files', 'filename')).toEqual([hostile.rtl]);
    expect(valuesOf(rows, 'alerts', 'signature')).toEqual([hostile.script]);
    // Integers are numbers, times ISO text, every row from site-a.
    const first = rows.find((r) => r.table === 'conn')?.values;
    expect(first?.['orig_bytes']).toBe(700);
    expect(first?.['ts']).toBe('2024-05-01T00:00:00.000000Z');
    expect(new Set(rows.map((r) => r.values['sensor']))).toEqual(new Set(['site-a']));
  });

  it('15.2: pages follow the cursor across tables without losing or repeating a row', async () => {
    const req = { server: C2_NAME, scope: 'site-a' };
    const all = await pivotRows(fx.store.analytics, req, { table: 'all', limit: 10_000 });
    const seen: RawRow[] = [];
    let after = null;
    for (let i = 0; i < 100; i++) {
      const page = await pivotRows(fx.store.analytics, req, { table: 'all', limit: 7, after });
      seen.push(...(page?.rows ?? []));
      if (!page?.next) break;
      after = decodeRowsCursor(encodeRowsCursor(page.next));
    }
    expect(seen).toEqual(all?.rows);
    expect(new Set(seen.map((r) => r.table))).toEqual(
      new Set(['conn', 'dns', 'http', 'ssl', 'files', 'alerts']),
    );
    expect(decodeRowsCursor('not-a-cursor')).toBeNull();
  });

  it('15.2: host, server address and indicator pivots, scoped to a network', async () => {
    const host = await pivotRows(
      fx.store.analytics,
      { host: HOST, scope: 'site-b' },
      { table: 'conn', limit: 1000 },
    );
    expect(host?.rows).toHaveLength(BEACONS);
    const server = await pivotRows(fx.store.analytics, { server: C2 }, { table: 'conn', limit: 1000 });
    expect(server?.rows).toHaveLength(2 * BEACONS + 1);
    const hash = await pivotRows(
      fx.store.analytics,
      { indicator: '44D88612FEA8A8F36DE82E1278ABB02F' },
      { table: 'all', limit: 10 },
    );
    expect(hash?.rows.map((r) => r.table)).toEqual(['files']);
    const ja3 = await pivotRows(
      fx.store.analytics,
      { indicator: '6734f37431670b3ab4292b8f60f29984' },
      { table: 'all', limit: 10 },
    );
    expect(ja3?.rows.map((r) => r.table)).toEqual(['ssl']);
    expect(
      await pivotRows(fx.store.analytics, { finding: 'F-000000000000' }, { table: 'all', limit: 1 }),
    ).toBeNull();
  });

  it('15.4: rows --jsonl keeps hostile values exactly; --csv neutralises formulas and shows controls as escapes', async () => {
    const data = ['--data', `${fx.dir}/data`];
    await fx.store.close();
    try {
      const jsonl = await runCli(
        'rows',
        '--server',
        C2_NAME,
        '--scope',
        'site-a',
        '--table',
        'http',
        '--jsonl',
        ...data,
      );
      expect(jsonl.code).toBe(0);
      const parsed = jsonl.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(parsed.map((r) => r['user_agent'])).toEqual([hostile.ansi, hostile.long]);
      expect(parsed[0]?.['uri']).toBe(`/${hostile.img}?q=${hostile.js}`);
      expect(parsed[0]?.['referrer']).toBe(hostile.formula);
      // Nothing on stdout can drive a terminal: no raw ESC, BEL or bidi override.
      expect(jsonl.out).not.toMatch(/[\u001b\u0007\u202e]/);

      const csv = await runCli(
        'rows',
        '--server',
        C2_NAME,
        '--scope',
        'site-a',
        '--table',
        'http',
        '--csv',
        ...data,
      );
      expect(csv.code).toBe(0);
      expect(csv.out).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
      expect(csv.out).toContain('\\u001B[31mred');
      expect(csv.out).not.toMatch(/[\u001b\u0007\u202e]/);
      expect(csv.out).toContain(hostile.long);

      const json = await runCli('rows', '--indicator', FILE_MD5, '--json', ...data);
      expect(JSON.parse(json.out)).toMatchObject({
        rows: [{ table: 'files', filename: hostile.rtl }],
        nextCursor: null,
      });

      const table = await runCli('rows', '--host', HOST, '--scope', 'site-a', '--table', 'files', ...data);
      expect(table.out).toContain('\\u202E');
      expect(table.out).not.toMatch(/[\u001b\u202e]/);

      const paged = await runCli(
        'rows',
        '--host',
        HOST,
        '--table',
        'conn',
        '--limit',
        '2',
        '--json',
        ...data,
      );
      const next = (JSON.parse(paged.out) as { nextCursor: string }).nextCursor;
      const more = await runCli(
        'rows',
        '--host',
        HOST,
        '--table',
        'conn',
        '--limit',
        '2',
        '--cursor',
        next,
        '--json',
        ...data,
      );
      const uids = (out: string) => (JSON.parse(out) as { rows: { uid: string }[] }).rows.map((r) => r.uid);
      expect([...uids(paged.out), ...uids(more.out)]).toEqual(['CA0', 'CB0', 'CA1', 'CB1']);

      expect((await runCli('rows', ...data)).code).toBe(2);
      expect((await runCli('rows', '--host', HOST, '--server', C2, ...data)).code).toBe(2);
      const unknown = await runCli('rows', '--finding', 'F-000000000000', ...data);
      expect(unknown.code).not.toBe(0);
      expect(unknown.err).toContain('F-000000000000');
    } finally {
      fx = { ...fx, store: await reopen() };
    }
  });
});

const FILE_MD5 = '44d88612fea8a8f36de82e1278abb02f';

async function reopen() {
  const { DuckDBStore } = await import('../../src/store/duckdb/duckdb-store.js');
  return DuckDBStore.open({ dataDir: `${fx.dir}/data` });
}
