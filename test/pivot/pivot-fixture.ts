// A small two-network store for the pivot tests (issue 15.4): Zeek TSV conn logs with community ids,
// Zeek JSON dns/http/ssl/files logs whose attacker-written fields are hostile, and a Suricata EVE
// file; a second network with the very same addresses. Detection runs, so findings carry ids.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DetectRun, runDetectors } from '../../src/detect/run-detectors.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { writeZeekLog } from '../helpers/zeek-log-writer.js';

export const HOST = '10.0.0.5';
export const C2 = '203.0.113.50';
export const C2_NAME = 'evil.example';
/** 2024-05-01T00:00:00Z. */
export const T0 = 1714521600;
/** Beacons: every 300 s (±3 s) for six hours. */
export const BEACONS = 72;

/** Values an attacker chooses (Host, URI, user agent, file name, SNI), every one hostile to some renderer. */
export const hostile = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  js: 'javascript:alert(document.cookie)',
  rtl: 'invoice\u202Egpj.exe',
  ansi: '\u001b[31mred\u001b[0m\u001b]0;title\u0007',
  formula: '=HYPERLINK("http://x.example","click")',
  long: `${'日本語テキスト🙂'.repeat(1500)}end`,
} as const;

const connFields = [
  ['ts', 'time'],
  ['uid', 'string'],
  ['id.orig_h', 'addr'],
  ['id.orig_p', 'port'],
  ['id.resp_h', 'addr'],
  ['id.resp_p', 'port'],
  ['proto', 'enum'],
  ['service', 'string'],
  ['duration', 'interval'],
  ['orig_bytes', 'count'],
  ['resp_bytes', 'count'],
  ['conn_state', 'string'],
  ['community_id', 'string'],
] as const;

const jsonLines = (file: string, rows: readonly object[]) =>
  writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);

/** One network's logs: the host beaconing to the C2, its lookups, web requests, TLS and a file. */
function writeSite(dir: string, uidPrefix: string, withExtras: boolean): void {
  mkdirSync(dir, { recursive: true });
  const conns = [];
  for (let i = 0; i < BEACONS; i++)
    conns.push([
      (T0 + i * 300 + (i % 3)).toFixed(6),
      `${uidPrefix}${i}`,
      HOST,
      50000 + i,
      C2,
      443,
      'tcp',
      'ssl',
      '1.200000',
      700,
      4000,
      'SF',
      `1:${uidPrefix}${String(i).padStart(3, '0')}=`,
    ]);
  writeZeekLog(join(dir, 'conn.log'), 'conn', connFields, conns);
  if (!withExtras) return;
  const id = (uid: string, t: number, port: number) => ({
    ts: T0 + t,
    uid,
    'id.orig_h': HOST,
    'id.orig_p': 51000,
    'id.resp_h': port === 53 ? '10.0.0.53' : C2,
    'id.resp_p': port,
  });
  jsonLines(join(dir, 'dns.log'), [
    { ...id('D1', -5, 53), proto: 'udp', query: C2_NAME, qtype_name: 'A', answers: [C2] },
    { ...id('D2', 10, 53), proto: 'udp', query: `x.${hostile.script}.example`, qtype_name: 'A' },
  ]);
  jsonLines(join(dir, 'http.log'), [
    {
      ...id(`${uidPrefix}1`, 301, 443),
      method: 'GET',
      host: C2_NAME,
      uri: `/${hostile.img}?q=${hostile.js}`,
      user_agent: hostile.ansi,
      referrer: hostile.formula,
      status_code: 200,
    },
    { ...id(`${uidPrefix}2`, 602, 443), method: 'POST', host: C2_NAME, uri: '/x', user_agent: hostile.long },
  ]);
  jsonLines(join(dir, 'ssl.log'), [
    {
      ...id(`${uidPrefix}0`, 0, 443),
      version: 'TLSv12',
      server_name: C2_NAME,
      ja3: '6734f37431670b3ab4292b8f60f29984',
      established: true,
    },
  ]);
  jsonLines(join(dir, 'files.log'), [
    {
      ts: T0 + 302,
      fuid: 'FhostileA1',
      uid: `${uidPrefix}1`,
      'id.orig_h': C2,
      'id.orig_p': 443,
      'id.resp_h': HOST,
      'id.resp_p': 51000,
      source: 'HTTP',
      mime_type: 'application/x-dosexec',
      filename: hostile.rtl,
      md5: '44d88612fea8a8f36de82e1278abb02f',
      sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    },
  ]);
  jsonLines(join(dir, 'eve.json'), [
    {
      timestamp: '2024-05-01T00:20:00.000000+0000',
      flow_id: 1234567890,
      event_type: 'alert',
      src_ip: HOST,
      src_port: 52000,
      dest_ip: C2,
      dest_port: 443,
      proto: 'TCP',
      community_id: '1:eveAlert=',
      alert: {
        action: 'allowed',
        gid: 1,
        signature_id: 2000001,
        rev: 1,
        signature: hostile.script,
        category: 'x',
        severity: 1,
      },
    },
    {
      timestamp: '2024-05-01T00:20:00.000000+0000',
      flow_id: 1234567890,
      event_type: 'flow',
      src_ip: HOST,
      src_port: 52000,
      dest_ip: C2,
      dest_port: 443,
      proto: 'TCP',
      community_id: '1:eveAlert=',
      flow: {
        start: '2024-05-01T00:20:00.000000+0000',
        end: '2024-05-01T00:20:01.000000+0000',
        bytes_toserver: 10,
        bytes_toclient: 20,
        pkts_toserver: 1,
        pkts_toclient: 1,
        state: 'closed',
      },
    },
  ]);
}

/** The opened fixture store with its detection run; `close` removes everything. */
export interface PivotFixture {
  readonly dir: string;
  readonly store: DuckDBStore;
  readonly run: DetectRun;
  close(): Promise<void>;
}

/** Writes both networks, ingests them (site-a and site-b) and runs detection, each network alone. */
export async function openPivotFixture(): Promise<PivotFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-pivot-'));
  writeSite(join(dir, 'logs-a'), 'CA', true);
  writeSite(join(dir, 'logs-b'), 'CB', false);
  const store = await DuckDBStore.open({ dataDir: join(dir, 'data') });
  for (const [sensor, sub] of [
    ['site-a', 'logs-a'],
    ['site-b', 'logs-b'],
  ] as const)
    await ingestPaths([join(dir, sub)], { store, sensor, tmpDir: join(dir, 'tmp') });
  const run = await runDetectors({ store });
  return {
    dir,
    store,
    run,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
