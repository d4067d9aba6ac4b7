// The contract every store backend keeps. A new backend joins `storeBackends` and runs this suite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendRecord, rowOf } from '../../test/helpers/telemetry-row.js';
import { portSessions } from '../detect/long-connections/long-connections-query.js';
import { networkEvidence, trafficMix } from '../detect/network-scope/network-scope-query.js';
import type { Attribution } from '../domain/attribution.js';
import type { Incident } from '../domain/incident.js';
import { storeBackends } from './open-store.js';
import type { BackendName, LedgerEntry, Store } from './store.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'mamori-contract-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const weirdRow = (uid: string) => [
  1700000000000000n,
  uid,
  '10.0.0.1',
  1,
  '192.0.2.9',
  2,
  'bad_TCP_checksum',
  null,
  false,
  null,
  'zeek',
];

const ledger = (key: string): LedgerEntry => ({
  streamKey: key,
  rawDigest: `raw-${key}`,
  path: `/logs/${key}.log`,
  rawSize: 100,
  rawMtimeMs: 1700000000000.5,
  format: 'zeek-tsv',
  logType: 'weird',
  consumedBytes: 10,
  consumedLines: 2,
  anchor: 'a',
  header: '#fields\tts\n',
  complete: false,
  rows: 1,
  rejects: 0,
});

describe.each(Object.keys(storeBackends) as BackendName[])('store contract: %s', (backend) => {
  const open = (dataDir: string, readOnly = false): Promise<Store> =>
    storeBackends[backend]({ dataDir, readOnly });

  it('lists the sensors stored, and the ones given files were stored under', async () => {
    const s = await open(tmp());
    for (const [sensor, file] of [
      ['lab-b', '/logs/b/weird.log'],
      ['hq', '/logs/hq/weird.log'],
    ] as const) {
      const b = await s.beginBatch({ sensor, sourceFile: file, engine: 'zeek' });
      await b.prepare('weird');
      b.append('weird', weirdRow(`C-${sensor}`), null);
      await b.commit();
    }
    expect(await s.detect.sensors()).toEqual(['hq', 'lab-b']);
    expect(await s.detect.sensorsOf(['/logs/b/weird.log', '/logs/none.log'])).toEqual(['lab-b']);
    expect(await s.detect.sensorsOf([])).toEqual([]);
    await s.close();
  });

  it('keeps committed batches across a reopen, with their ledger entries', async () => {
    const dir = tmp();
    const s = await open(dir);
    const b = await s.beginBatch({ sensor: 'hq', sourceFile: '/logs/weird.log', engine: 'zeek' });
    await b.prepare('weird');
    b.append('weird', weirdRow('C1'), '{"_node_name":"w1"}');
    b.append('weird', weirdRow('C2'), null);
    await s.recordFile(ledger('k1'));
    await b.commit();
    await s.close();
    const again = await open(dir);
    expect((await again.tableRows())['weird']).toBe(2);
    expect((await again.findByStreamKey('k1'))?.consumedBytes).toBe(10);
    expect((await again.findByRawDigest('raw-k1'))?.streamKey).toBe('k1');
    expect(await again.findByPath('/logs/k1.log')).toMatchObject({
      rawSize: 100,
      rawMtimeMs: 1700000000000.5,
    });
    const rows = await again.userQuery(
      `SELECT sensor, source_file, engine, json_extract_string(extra, '$._node_name') AS node FROM weird ORDER BY uid`,
    );
    expect(rows.rows[0]).toMatchObject({
      sensor: 'hq',
      source_file: '/logs/weird.log',
      engine: 'zeek',
      node: 'w1',
    });
    await again.close();
  });

  it('drops an aborted batch and its ledger entry, keeping the batches around it', async () => {
    const s = await open(tmp());
    for (const [uid, keep] of [
      ['A', true],
      ['B', false],
      ['C', true],
    ] as const) {
      const b = await s.beginBatch({ sensor: 's', sourceFile: uid, engine: 'zeek' });
      await b.prepare('weird');
      b.append('weird', weirdRow(uid), null);
      await b.addRejects([{ file: uid, line: 3, reason: 'test', raw: 'x' }]);
      await s.recordFile(ledger(uid));
      if (keep) await b.commit();
      else await b.abort();
    }
    await s.flush();
    const uids = await s.userQuery('SELECT uid FROM weird ORDER BY uid');
    expect(uids.rows.map((r) => r['uid'])).toEqual(['A', 'C']);
    expect(await s.findByStreamKey('B')).toBeNull();
    expect((await s.userQuery('SELECT count(*)::INTEGER AS n FROM rejects')).rows[0]?.['n']).toBe(2);
    await s.close();
  });

  it('H2: deletes one batch (rows, rejects, ledger, later runs) and lists the rest; a dry run only counts', async () => {
    const dir = tmp();
    const s = await open(dir);
    for (const uid of ['A', 'B']) {
      const b = await s.beginBatch({ sensor: 's', sourceFile: `/logs/${uid}.log`, engine: 'zeek' });
      await b.prepare('weird');
      await b.prepare('conn');
      b.append('weird', weirdRow(uid), null);
      b.append('weird', weirdRow(`${uid}2`), null);
      appendRecord(b, 'conn', {
        ts: 1700000000000000n,
        uid,
        orig_h: '10.0.0.1',
        resp_h: `192.0.2.${uid === 'A' ? 1 : 2}`,
      });
      await b.addRejects([{ file: `/logs/${uid}.log`, line: 3, reason: 'test', raw: 'x' }]);
      await s.recordFile({ ...ledger(uid), path: `/logs/${uid}.log` });
      await b.commit();
    }
    const runId = await s.saveFindings({ detectors: ['beaconing'] }, []);
    await s.saveIncidents(runId, [
      { incident: incidentOf('INC-0000000c', 0.5, ['10.0.0.1']), attribution: null },
    ]);
    const batches = await s.listBatches();
    expect(batches.map((b) => [b.id, b.sourceFile, b.rows])).toEqual([
      [2, '/logs/B.log', 3],
      [1, '/logs/A.log', 3],
    ]);
    expect(await s.deleteBatch(99)).toBeNull();

    const dry = await s.deleteBatch(2, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rows: { conn: 1, weird: 2 }, rejects: 1, ledgerEntries: 1 });
    expect((await s.tableRows())['weird']).toBe(4);

    const done = await s.deleteBatch(2);
    expect(done).toMatchObject({
      dryRun: false,
      rows: { conn: 1, weird: 2 },
      rejects: 1,
      ledgerEntries: 1,
      detectRuns: 1,
      findings: 0,
      incidents: 1,
      otherBatchesOfFile: [],
    });
    expect(await s.findByPath('/logs/B.log')).toBeNull();
    expect(await s.findByPath('/logs/A.log')).not.toBeNull();
    await s.close();
    const again = await open(dir);
    expect(await again.tableRows()).toMatchObject({ weird: 2, conn: 1 });
    expect((await again.listBatches()).map((b) => b.id)).toEqual([1]);
    expect(await again.findByStreamKey('B')).toBeNull();
    expect(await again.listIncidents()).toEqual([]);
    const seen = await again.query(`SELECT ip FROM seen_ips ORDER BY ip`);
    expect(seen.map((r) => r['ip'])).toEqual(['10.0.0.1', '192.0.2.1']);
    await again.close();
  });

  it('skips records another batch already holds, naming its file; open snapshots and same-file repeats stay', async () => {
    const s = await open(tmp());
    const conn = (uid: string, over: Record<string, boolean | number> = {}) => ({
      ts: 1700000000000000n,
      uid,
      orig_h: '10.0.0.1',
      resp_h: '192.0.2.9',
      is_open: false,
      ...over,
    });
    const ingest = async (file: string, rows: Record<string, unknown>[], sensor = 's') => {
      const b = await s.beginBatch({ sensor, sourceFile: file, engine: 'zeek' });
      await b.prepare('conn');
      for (const r of rows) appendRecord(b, 'conn', r as Parameters<typeof appendRecord>[2]);
      const d = await b.dropDuplicates();
      await b.commit();
      return d;
    };
    // A repeat inside one file is not a duplicate: only other batches are compared.
    expect(await ingest('/a/conn.log', [conn('C1'), conn('C2'), conn('C2')])).toEqual({
      rows: 0,
      heldBy: [],
    });
    expect(
      await ingest('/b/conn.json', [conn('C1'), conn('C3'), conn('C1', { is_open: true, duration: 5 })]),
    ).toEqual({ rows: 1, heldBy: [{ file: '/a/conn.log', rows: 1 }] });
    // Open records are successive snapshots of a session: never dropped, never matched.
    expect(await ingest('/c/open_conn.log', [conn('C1', { is_open: true, duration: 5 })])).toEqual({
      rows: 0,
      heldBy: [],
    });
    // The same uid at another time is another record.
    expect(await ingest('/d/conn.log', [conn('C3', { ts: 1700000000000001 })])).toEqual({
      rows: 0,
      heldBy: [],
    });
    // Another sensor's copy is another network's telemetry: kept, so its scope hunts the same.
    expect(await ingest('/e/conn.log', [conn('C1')], 'lab')).toEqual({ rows: 0, heldBy: [] });
    await s.flush();
    const rows = await s.userQuery(
      'SELECT source_file AS f, uid, is_open FROM conn ORDER BY f, uid, is_open',
    );
    expect(rows.rows.map((r) => `${r['f']} ${r['uid']}${r['is_open'] ? ' open' : ''}`)).toEqual([
      '/a/conn.log C1',
      '/a/conn.log C2',
      '/a/conn.log C2',
      '/b/conn.json C1 open',
      '/b/conn.json C3',
      '/c/open_conn.log C1 open',
      '/d/conn.log C3',
      '/e/conn.log C1',
    ]);
    await s.close();
  });

  it("stats: time ranges leave out status logs, whose ts is the sensor's clock", async () => {
    const s = await open(tmp());
    const b = await s.beginBatch({ sensor: 'hq', sourceFile: '/logs/mixed', engine: 'zeek' });
    await b.prepare('conn');
    await b.prepare('events');
    appendRecord(b, 'conn', { ts: 1521911720000000n, uid: 'C1', is_open: false });
    appendRecord(b, 'conn', { ts: 1521912980000000n, uid: 'C2', is_open: false });
    // Zeek replayed the 2018 capture in 2024: packet_filter and loaded_scripts carry the replay date.
    appendRecord(b, 'events', { ts: 1712950152000000n, log_type: 'packet_filter' });
    appendRecord(b, 'events', { ts: 1712950152000000n, log_type: 'loaded_scripts' });
    appendRecord(b, 'events', { ts: 1521911000000000n, log_type: 'ssh', uid: 'C0' });
    await b.dropDuplicates();
    await b.commit();
    const st = await s.stats();
    expect(st.sensors).toEqual([
      {
        sensor: 'hq',
        engine: 'zeek',
        first: '2018-03-24T17:03:20.000000Z',
        last: '2018-03-24T17:36:20.000000Z',
        rows: 5,
      },
    ]);
    await s.close();
  });

  it('loads a TSV body natively when it says it can', async (ctx) => {
    const s = await open(tmp());
    if (!s.capabilities.nativeTsvLoad) {
      await s.close();
      ctx.skip(`${backend} has no nativeTsvLoad capability`);
    }
    const dir = tmp();
    const body = join(dir, 'body.tsv');
    writeFileSync(body, '1700000000.5\tC1\tbad\n1700000001.25\tC2\tok\\x2dfine\nnot-a-time\tC3\tx\n');
    const b = await s.beginBatch({ sensor: 's', sourceFile: '/x/weird.log', engine: 'zeek' });
    const r = await b.loadNativeTsv({
      path: body,
      skipLines: 0,
      layout: {
        separator: '\t',
        setSeparator: ',',
        emptyField: '(empty)',
        unsetField: '-',
        fields: ['ts', 'uid', 'name'],
        types: ['time', 'string', 'string'],
      },
      table: 'weird',
      constants: {},
      lineOffset: 8,
      mayHaveEscapes: true,
      dataLines: 3,
    });
    await b.commit();
    expect(r.rows).toBe(2);
    expect(r.rejects).toEqual([expect.objectContaining({ line: 11, file: '/x/weird.log' })]);
    expect(r.rejects[0]?.reason).toMatch(/field ts/);
    const names = await s.userQuery(`SELECT name, strftime(ts, '%S.%f') AS s FROM weird ORDER BY uid`);
    expect(names.rows).toEqual([
      { name: 'bad', s: '20.500000' },
      { name: 'ok-fine', s: '21.250000' },
    ]);
    await s.close();
  });

  it('loads a JSON-lines file natively when it says it can, and declines one that does not fit', async (ctx) => {
    const s = await open(tmp());
    if (!s.capabilities.nativeJsonLoad) {
      await s.close();
      ctx.skip(`${backend} has no nativeJsonLoad capability`);
    }
    const dir = tmp();
    const good = join(dir, 'weird.json');
    writeFileSync(
      good,
      '{"ts":1700000000.5,"uid":"C1","name":"bad_TCP","_path":"weird","peer":"w1","x":1}\n{"ts":1700000001,"uid":"C2","name":"ok","_path":"weird"}\n',
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"ts":"soon","uid":"C3","name":"x","_path":"weird"}\n');
    const b = await s.beginBatch({ sensor: 's', sourceFile: good, engine: 'zeek' });
    const scan = await b.scanJson(good, false);
    expect(scan).toMatchObject({ records: 2, recordsWithPath: 2, paths: ['weird'] });
    expect([...(scan?.keys ?? [])].sort()).toEqual(['_path', 'name', 'peer', 'ts', 'uid', 'x']);
    const load = { gzip: false, table: 'weird' as const, constants: {}, dropKeys: ['_path'] };
    expect(await b.loadNativeJson({ ...load, path: good, keys: scan?.keys ?? [] })).toEqual({ rows: 2 });
    // A value that does not fit (a time that is no number) declines without touching the batch.
    expect(await b.loadNativeJson({ ...load, path: bad, keys: ['ts', 'uid', 'name', '_path'] })).toBeNull();
    expect(await b.scanJson(join(dir, 'missing.json'), false)).toBeNull();
    await b.commit();
    const rows = await s.userQuery(
      `SELECT uid, name, peer, strftime(ts, '%S.%f') AS s, json_extract_string(extra, '$.x') AS x FROM weird ORDER BY uid`,
    );
    expect(rows.rows).toEqual([
      { uid: 'C1', name: 'bad_TCP', peer: 'w1', s: '20.500000', x: '1' },
      { uid: 'C2', name: 'ok', peer: null, s: '21.000000', x: null },
    ]);
    await s.close();
  });

  it('answers read-only queries and refuses writes', async () => {
    const dir = tmp();
    await (await open(dir)).close();
    const s = await open(dir, true);
    expect(s.readOnly).toBe(true);
    await expect(s.userQuery('INSERT INTO weird (uid) VALUES (1)')).rejects.toThrow(/read-only/);
    await expect(s.userQuery('UPDATE conn SET uid = 1')).rejects.toThrow(/read-only/);
    await expect(s.userQuery("COPY conn TO '/tmp/x.csv'")).rejects.toThrow();
    await expect(s.userQuery("ATTACH '/tmp/other.db'")).rejects.toThrow();
    await expect(s.beginBatch({ sensor: 's', sourceFile: 'f', engine: 'zeek' })).rejects.toThrow(/read-only/);
    expect((await s.userQuery('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await s.close();
  });

  it('names addresses from DNS answers, TLS SNI and HTTP Host, most used first', async () => {
    const s = await open(tmp());
    const b = await s.beginBatch({ sensor: 's', sourceFile: '/names', engine: 'zeek' });
    for (const t of ['dns', 'ssl', 'http'] as const) await b.prepare(t);
    const at = (i: number) => 1700000000000000n + BigInt(i) * 1000000n;
    const id = (i: number, resp: string) => ({
      ts: at(i),
      uid: `U${i}`,
      orig_h: '10.0.0.5',
      orig_p: 5000,
      resp_h: resp,
      resp_p: 443,
    });
    appendRecord(b, 'dns', {
      ...id(1, '10.0.0.53'),
      query: 'Bolt.Dropbox.com',
      answers: ['162.125.9.9', 'bolt-cname.example'],
    });
    for (let i = 2; i < 5; i++)
      appendRecord(b, 'ssl', { ...id(i, '162.125.9.9'), server_name: 'client.dropbox.com' });
    appendRecord(b, 'http', { ...id(6, '162.125.9.9'), host: 'dl.dropbox.com:80' });
    appendRecord(b, 'ssl', { ...id(7, '198.51.100.1'), server_name: '198.51.100.1' });
    await b.commit();
    const names = await s.detect.addressNames({
      ips: ['162.125.9.9', '198.51.100.1', '203.0.113.7'],
      maxNames: 2,
    });
    expect([...names]).toEqual([['162.125.9.9', ['client.dropbox.com', 'bolt.dropbox.com']]]);
    expect((await s.detect.addressNames({ ips: [], maxNames: 2 })).size).toBe(0);
    await s.close();
  });

  it('returns long TCP sessions on unusual ports, and from hosts that otherwise stay inside', async () => {
    const s = await open(tmp());
    const b = await s.beginBatch({ sensor: 's', sourceFile: '/sessions', engine: 'zeek' });
    await b.prepare('conn');
    const at = (i: number) => 1700000000000000n + BigInt(i) * 1000000n;
    let n = 0;
    const conn = (orig: string, resp: string, port: number, duration: number, extra = {}) =>
      appendRecord(b, 'conn', {
        ts: at(n),
        uid: `S${n++}`,
        orig_h: orig,
        orig_p: 40000,
        resp_h: resp,
        resp_p: port,
        proto: 'tcp',
        duration,
        orig_bytes: 100,
        resp_bytes: 200,
        ...extra,
      });
    // A: 15 minutes to 1234, seen twice as it grew (open_conn snapshots of one uid), and one internal peer.
    conn('10.0.0.1', '203.0.113.7', 1234, 15 * 60);
    appendRecord(b, 'conn', {
      ts: at(0),
      uid: 'S0',
      orig_h: '10.0.0.1',
      resp_h: '203.0.113.7',
      resp_p: 1234,
      proto: 'tcp',
      duration: 300,
      is_open: true,
    });
    conn('10.0.0.1', '10.0.0.53', 445, 1);
    // B: 20 minutes to 443 while browsing three other sites: an everyday port from a busy host.
    conn('10.0.0.2', '198.51.100.1', 443, 20 * 60);
    for (const ip of ['198.51.100.2', '198.51.100.3', '198.51.100.4']) conn('10.0.0.2', ip, 443, 1);
    // C: 20 minutes to 443 and nothing else outside; D: 9 minutes to 4444; E: a UDP flow on 1234.
    conn('10.0.0.3', '198.51.100.9', 443, 20 * 60);
    conn('10.0.0.4', '203.0.113.8', 4444, 9 * 60);
    conn('10.0.0.5', '203.0.113.7', 1234, 30 * 60, { proto: 'udp' });
    await b.commit();
    const internal = [{ v: 4 as const, lo: 167772160n, hi: 184549375n }];
    const rows = await portSessions(s.analytics, { internal, minLongest: 600, maxOtherExternal: 2 });
    const byHost = new Map(rows.map((r) => [r.origH, r]));
    expect([...byHost.keys()].sort()).toEqual(['10.0.0.1', '10.0.0.3']);
    expect(byHost.get('10.0.0.1')).toMatchObject({
      respH: '203.0.113.7',
      port: 1234,
      sessions: 1,
      longest: 900,
      total: 900,
      open: 0,
      portHosts: 1,
      otherExternal: 0,
      internalPeers: 1,
      prevalence: 2,
    });
    expect(byHost.get('10.0.0.3')).toMatchObject({ port: 443, otherExternal: 0, internalPeers: 0 });
    await s.close();
  });

  it('splits connections by side of the monitored networks and finds the client blocks', async () => {
    const s = await open(tmp());
    const b = await s.beginBatch({ sensor: 's', sourceFile: '/mix', engine: 'zeek' });
    for (const t of ['conn', 'dns', 'events'] as const) await b.prepare(t);
    const at = (i: number) => 1700000000000000n + BigInt(i) * 1000000n;
    const c = (i: number, orig: string, resp: string) =>
      appendRecord(b, 'conn', {
        ts: at(i),
        uid: `C${i}`,
        orig_h: orig,
        orig_p: 5000,
        resp_h: resp,
        resp_p: 445,
      });
    for (let i = 0; i < 6; i++) c(i, '10.1.0.5', `10.2.0.${i + 1}`);
    c(10, '10.1.0.6', '198.51.100.7');
    c(11, '203.0.113.9', '10.1.0.5');
    c(12, '10.1.0.5', '224.0.0.251');
    c(13, 'fe80::1', 'fe80::2');
    appendRecord(b, 'dns', {
      ts: at(20),
      uid: 'D1',
      orig_h: '10.1.0.6',
      orig_p: 5353,
      resp_h: '10.1.0.1',
      resp_p: 53,
    });
    b.append(
      'events',
      rowOf('events', { log_type: 'dhcp', ts: at(21), uid: 'H1' }),
      JSON.stringify({ assigned_addr: '10.1.0.5', client_addr: '0.0.0.0' }),
    );
    await b.commit();
    const internal = [{ v: 4 as const, lo: 167772160n, hi: 184549375n }]; // 10.0.0.0/8
    const mix = await trafficMix(s.analytics, { internal });
    expect(mix).toMatchObject({
      connections: 8,
      internalToInternal: 6,
      internalToExternal: 1,
      externalToInternal: 1,
      externalToExternal: 0,
    });
    expect(mix.internalPairs).toEqual([{ from: '10.1.0.0/24', to: '10.2.0.0/24', connections: 6 }]);
    const narrowed = await trafficMix(s.analytics, { internal: [{ v: 4, lo: 167837696n, hi: 167903231n }] }); // 10.1.0.0/16
    expect(narrowed.internalToInternal).toBe(0);
    expect(narrowed.internalToExternal).toBe(7);
    const evidence = await networkEvidence(s.analytics, {});
    expect(evidence[0]).toEqual({
      network: '10.1.0.0/24',
      dhcpClients: 1,
      dnsClients: 1,
      initiators: 2,
      respondersOnly: 0,
      connectionsInitiated: 8,
    });
    expect(evidence.map((e) => e.network)).not.toContain('fe80::/64');
    await s.close();
  });

  it("keeps a run's incidents with their attributions, listing the latest run's by score", async () => {
    const dir = tmp();
    const s = await open(dir);
    const runId = await s.saveFindings({ detectors: ['beaconing'] }, []);
    const a = incidentOf('INC-0000000a', 0.8, ['10.0.0.5']);
    const b = incidentOf('INC-0000000b', 0.95, ['10.0.0.6', '10.0.0.7']);
    await s.saveIncidents(runId, [
      { incident: a, attribution: null },
      { incident: b, attribution: attributionOf('APT10', 0.7) },
    ]);
    await s.close();
    const r = await open(dir, true);
    const listed = await r.listIncidents();
    expect(listed.map((x) => [x.id, x.hosts, x.topActor])).toEqual([
      ['INC-0000000b', 2, 'APT10'],
      ['INC-0000000a', 1, null],
    ]);
    const got = await r.getIncident('inc-0000000b');
    expect(got?.runId).toBe(runId);
    expect(got?.incident.hosts.map((h) => h.ip)).toEqual(['10.0.0.6', '10.0.0.7']);
    expect(got?.attribution?.hypotheses[0]?.actor).toBe('APT10');
    expect(await r.getIncident('INC-ffffffff')).toBeNull();
    await r.close();
  });

  it('13.1: lists suspicious incidents first and the likely-benign ones after, with their verdict and reasons', async () => {
    const dir = tmp();
    const s = await open(dir);
    const runId = await s.saveFindings({ detectors: ['beaconing'] }, []);
    const benign = {
      ...incidentOf('INC-0000000c', 0.9, ['10.0.0.20']),
      verdict: 'likely-benign' as const,
      verdictReasons: ['One schedule to one server.'],
    };
    const real = incidentOf('INC-0000000d', 0.6, ['10.0.0.5']);
    await s.saveIncidents(runId, [
      { incident: benign, attribution: null },
      { incident: real, attribution: null },
    ]);
    const listed = await s.listIncidents();
    expect(listed.map((x) => [x.id, x.verdict, x.verdictReasons])).toEqual([
      ['INC-0000000d', 'suspicious', []],
      ['INC-0000000c', 'likely-benign', ['One schedule to one server.']],
    ]);
    await s.close();
  });
});

function incidentOf(id: string, score: number, hosts: string[]): Incident {
  const t = '2016-06-01T00:00:00.000Z';
  return {
    id,
    summary: `${hosts.length} internal hosts talked to 1 external server`,
    hosts: hosts.map((ip) => ({
      ip,
      firstCompromise: t,
      lastActivity: t,
      findings: 1,
      bytesOut: 1,
      bytesIn: 2,
    })),
    servers: [],
    firstSeen: t,
    lastSeen: t,
    bytesOut: hosts.length,
    bytesIn: 2 * hosts.length,
    techniques: ['T1071'],
    score,
    severity: 'high',
    links: [],
    findings: [],
    timeline: [],
  };
}

function attributionOf(actor: string, probability: number): Attribution {
  const h = (name: string, p: number) => ({
    actor: name,
    actorId: name === 'unknown' ? null : 'e1',
    aliases: [],
    attackId: null,
    probability: p,
    term: 'likely' as const,
    likelihood: 1,
    evidence: [],
  });
  return {
    hypotheses: [h(actor, probability), h('unknown', 1 - probability)],
    evidence: [],
    confidence: 'moderate',
    ach: { hypotheses: [actor, 'unknown'], rows: [] },
    assessment: '',
    modelVersion: 'test',
  };
}
