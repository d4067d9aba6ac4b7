// Issue 12, H2: no stored value may make a detector or the hunt fail. A simulated office with every
// intrusion, plus hostile but valid records ingested the normal way, plus values only an older,
// unchecked store could hold, written into the tables directly. Then every detector of the registry
// runs alone, and the whole hunt runs, and all must succeed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectorNames } from '../../src/detect/registry.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { runHunt } from '../../src/hunt/run-hunt.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { simulate } from '../../src/sim/simulate.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-hostile-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const u64max = '18446744073709551615';
const i64over = '9223372036854775808';
const t0 = Date.parse('2016-06-01T02:00:00Z') / 1000;
const ts = (s: number) => (t0 + s).toFixed(6);

/** A Zeek TSV log from field names, types and rows. */
function zeekLog(logPath: string, fields: string[], types: string[], rows: string[][]): string {
  return `${zeekHeaderLines(logPath, fields, types).join('\n')}\n${rows.map((r) => r.join('\t')).join('\n')}\n`;
}

/** Hostile but valid records: extreme counts and durations, odd addresses, huge and control-laden strings. */
function writeHostileLogs(out: string): void {
  const connFields = [
    ...['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration'],
    ...[
      'orig_bytes',
      'resp_bytes',
      'conn_state',
      'history',
      'orig_pkts',
      'orig_ip_bytes',
      'resp_pkts',
      'resp_ip_bytes',
    ],
  ];
  const connTypes = [
    ...['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval'],
    ...['count', 'count', 'string', 'string', 'count', 'count', 'count', 'count'],
  ];
  const weird = [
    '::',
    '0.0.0.0',
    '255.255.255.255',
    '::ffff:10.1.0.5',
    'FE80::1',
    '2001:DB8::1',
    '224.0.0.1',
  ];
  const conn: string[][] = [];
  // A beacon every 300 s from an inside host, each carrying 2^64-1 bytes: sums of thousands of these
  // overflow any 64-bit integer.
  for (let i = 0; i < 200; i++) {
    const big = i % 2 === 0 ? u64max : i64over;
    conn.push([
      ts(i * 300),
      `Chostile${i}`,
      '10.1.0.5',
      `${40000 + i}`,
      '203.0.113.66',
      '443',
      'tcp',
      'ssl',
      i % 3 === 0 ? '1000000000' : '0.5',
      big,
      big,
      'SF',
      'ShADadFf',
      big,
      big,
      big,
      big,
    ]);
  }
  weird.forEach((a, i) => {
    conn.push([
      ts(i),
      `Cweird${i}`,
      a,
      '0',
      weird[(i + 1) % weird.length]!,
      '65535',
      'udp',
      '-',
      '0',
      '0',
      '0',
      'S0',
      'D',
    ]);
    conn[conn.length - 1]!.push('0', '0', '0', '0');
  });
  // The earliest and latest times a Zeek time can hold (DECIMAL(18,6)).
  conn.push([
    '0.000001',
    'Cearly',
    '10.1.0.5',
    '1',
    '203.0.113.67',
    '80',
    'tcp',
    '-',
    '1',
    '1',
    '1',
    'SF',
    'D',
    '1',
    '1',
    '1',
    '1',
  ]);
  conn.push([
    '999999999999.999999',
    'Clate',
    '10.1.0.5',
    '1',
    '203.0.113.67',
    '80',
    'tcp',
    '-',
    '1',
    '1',
    '1',
    'SF',
    'D',
    '1',
    '1',
    '1',
    '1',
  ]);
  writeFileSync(path.join(out, 'conn.hostile.log'), zeekLog('conn', connFields, connTypes, conn));

  const control = 'evil\\x1b[31m\\xe2\\x80\\xaeexe.txt\\x00\\x07';
  const huge = 'a'.repeat(200_000);
  const dnsFields = [
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'proto',
    'trans_id',
    'rtt',
    'query',
  ];
  const dnsFields2 = ['qtype', 'qtype_name', 'rcode', 'rcode_name', 'answers', 'TTLs'];
  const dnsTypes = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'count', 'interval', 'string'];
  const dnsTypes2 = ['count', 'string', 'count', 'string', 'vector[string]', 'vector[interval]'];
  const dns = [
    [ts(1), 'D1', '10.1.0.5', '5353', '10.1.0.1', '53', 'udp', u64max, '1000000000', `${huge}.example.com`],
    [ts(2), 'D2', '10.1.0.5', '5353', '10.1.0.1', '53', 'udp', '0', '0', `${control}.example.com`],
    [ts(3), 'D3', '10.1.0.5', '5353', '10.1.0.1', '53', 'udp', '1', '0.1', 'x.\\xe2\\x80\\xae.example.com'],
  ].map((r, i) => [
    ...r,
    ...(i === 0
      ? [u64max, 'A', u64max, 'NOERROR', `203.0.113.66,${huge}`, 'inf,nan,-1,1e300,5']
      : ['16', 'TXT', '3', 'NXDOMAIN', '(empty)', '(empty)']),
  ]);
  writeFileSync(
    path.join(out, 'dns.hostile.log'),
    zeekLog('dns', [...dnsFields, ...dnsFields2], [...dnsTypes, ...dnsTypes2], dns),
  );

  const httpFields = [
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'trans_depth',
    'method',
    'host',
  ];
  const httpFields2 = [
    'uri',
    'user_agent',
    'request_body_len',
    'response_body_len',
    'status_code',
    'resp_fuids',
    'resp_mime_types',
  ];
  const httpTypes = ['time', 'string', 'addr', 'port', 'addr', 'port', 'count', 'string', 'string'];
  const httpTypes2 = ['string', 'string', 'count', 'count', 'count', 'vector[string]', 'vector[string]'];
  const http = Array.from({ length: 30 }, (_, i) => [
    ts(i * 60),
    `H${i}`,
    '10.1.0.5',
    `${50000 + i}`,
    '203.0.113.68',
    '80',
    u64max,
    i % 2 ? 'POST' : 'GET',
    i % 3 ? `${control}.example.net:99999` : `${huge}.example.net`,
    `/${control}/${i}.exe`,
    i % 2 ? '-' : control,
    u64max,
    i64over,
    i % 2 ? u64max : '200',
    `F${i}`,
    'application/x-dosexec',
  ]);
  writeFileSync(
    path.join(out, 'http.hostile.log'),
    zeekLog('http', [...httpFields, ...httpFields2], [...httpTypes, ...httpTypes2], http),
  );

  const sslFields = [
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'version',
    'server_name',
    'established',
  ];
  const sslTypes = ['time', 'string', 'addr', 'port', 'addr', 'port', 'string', 'string', 'bool'];
  const ssl = Array.from({ length: 20 }, (_, i) => [
    ts(i * 300),
    `Chostile${i}`,
    '10.1.0.5',
    `${40000 + i}`,
    '203.0.113.66',
    '443',
    'TLSv12',
    i % 2 ? `${control}.example.org` : `${huge}.example.org`,
    'T',
  ]);
  writeFileSync(path.join(out, 'ssl.hostile.log'), zeekLog('ssl', sslFields, sslTypes, ssl));

  const filesFields = [
    'ts',
    'fuid',
    'tx_hosts',
    'rx_hosts',
    'conn_uids',
    'source',
    'mime_type',
    'filename',
    'duration',
  ];
  const filesFields2 = ['seen_bytes', 'total_bytes', 'missing_bytes', 'md5'];
  const filesTypes = [
    'time',
    'string',
    'set[addr]',
    'set[addr]',
    'set[string]',
    'string',
    'string',
    'string',
    'interval',
  ];
  const filesTypes2 = ['count', 'count', 'count', 'string'];
  const files = Array.from({ length: 30 }, (_, i) => [
    ts(i * 60),
    `F${i}`,
    '203.0.113.68',
    '10.1.0.5',
    `H${i}`,
    'HTTP',
    'application/x-dosexec',
    `${control}${i}.exe`,
    '1000000000',
    u64max,
    u64max,
    u64max,
    'd41d8cd98f00b204e9800998ecf8427e',
  ]);
  writeFileSync(
    path.join(out, 'files.hostile.log'),
    zeekLog('files', [...filesFields, ...filesFields2], [...filesTypes, ...filesTypes2], files),
  );
}

/** Values only an older store, which checked nothing, could hold: written into the tables directly. */
const oldStoreValues = [
  `UPDATE conn SET duration = 'inf'::DOUBLE WHERE hash(uid) % 5 = 0`,
  `UPDATE conn SET duration = 'nan'::DOUBLE WHERE hash(uid) % 5 = 1`,
  `UPDATE conn SET duration = 1e300 WHERE hash(uid) % 5 = 2`,
  `UPDATE conn SET duration = -1e300 WHERE hash(uid) % 5 = 3`,
  `UPDATE conn SET orig_bytes = 18446744073709551615, resp_bytes = 18446744073709551615,
     orig_ip_bytes = 18446744073709551615, resp_ip_bytes = 18446744073709551615,
     orig_pkts = 18446744073709551615, resp_pkts = 18446744073709551615 WHERE hash(uid) % 3 = 0`,
  `UPDATE conn SET resp_h = '999.1.1.1' WHERE uid = 'Cweird0'`,
  `UPDATE conn SET resp_h = '<script>' WHERE uid = 'Cweird1'`,
  `UPDATE conn SET orig_h = 'fe80::1%eth0' WHERE uid = 'Cweird2'`,
  `UPDATE conn SET orig_h = '{"a":1}' WHERE uid = 'Cweird3'`,
  `UPDATE conn SET orig_h = NULL, resp_h = NULL WHERE uid = 'Cweird4'`,
  `UPDATE conn SET ts = NULL WHERE uid = 'Cweird5'`,
  `UPDATE conn SET resp_p = 70000 WHERE uid = 'Cweird6'`,
  `UPDATE http SET request_body_len = 18446744073709551615, response_body_len = 18446744073709551615,
     status_code = 18446744073709551615, trans_depth = 18446744073709551615`,
  `UPDATE files SET seen_bytes = 18446744073709551615, total_bytes = 18446744073709551615, duration = 'inf'::DOUBLE`,
  `UPDATE dns SET rtt = 'inf'::DOUBLE, ttls = ['inf'::DOUBLE, 'nan'::DOUBLE, -1e300],
     trans_id = 18446744073709551615, qtype = 18446744073709551615, rcode = 18446744073709551615
   WHERE hash(uid) % 2 = 0`,
];

describe('H2: hostile values never make detection fail', () => {
  let store: DuckDBStore;
  beforeAll(async () => {
    const logs = path.join(dir, 'logs');
    await simulate({
      out: logs,
      scenario: 'office+apt+commodity+dns-tunnel+dga',
      seed: 3,
      hosts: 8,
      hours: 8,
      exfilMb: 5,
    });
    writeHostileLogs(logs);
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    const summary = await ingestPaths([logs], { store, sensor: 'lab', tmpDir: path.join(dir, 'tmp') });
    // Extreme but valid: every hostile record is stored (the TTL list keeps its valid elements).
    expect(summary.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    const rejects = await store.query('SELECT file, line, reason FROM rejects');
    expect(rejects).toEqual([]);
  }, 300_000);
  afterAll(async () => {
    await store?.close();
  });

  it('H2: every detector and the hunt succeed over counts up to 2^64-1, 1e9 s durations, odd addresses and huge strings', async () => {
    for (const name of detectorNames) {
      const run = await runDetectors({ store, only: [name] });
      expect(run.detectors.map((d) => d.name)).toEqual([name]);
    }
    const hunt = await runHunt({ store, paths: [], sensor: 'lab', tmpDir: path.join(dir, 'tmp') });
    expect(hunt.detect.findings.length).toBeGreaterThan(0);
    expect(hunt.incidents.length).toBeGreaterThan(0);
    for (const f of hunt.detect.findings) {
      expect(Number.isFinite(f.bytesOut ?? 0), `${f.detector} bytesOut`).toBe(true);
      expect(Number.isFinite(f.score), `${f.detector} score`).toBe(true);
    }
    expect((await store.listIncidents()).length).toBe(hunt.incidents.length);
  }, 300_000);

  it('H2: a store holding infinite, NaN and negative durations, 2^64-1 counts and invalid addresses (an old store) still detects and hunts', async () => {
    for (const sql of oldStoreValues) await store.query(sql);
    for (const name of detectorNames) {
      const run = await runDetectors({ store, only: [name] });
      expect(run.detectors.map((d) => d.name)).toEqual([name]);
    }
    const hunt = await runHunt({ store, paths: [], sensor: 'lab', tmpDir: path.join(dir, 'tmp') });
    expect(hunt.incidents.length).toBeGreaterThan(0);
    const top = await store.getIncident(hunt.incidents[0]?.incident.id ?? '');
    expect(top?.incident.id).toBe(hunt.incidents[0]?.incident.id);
  }, 300_000);
});
