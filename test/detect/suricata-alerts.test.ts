// The suricata-alerts detector on synthetic alert rows: compromised hosts with family links, alerts on
// servers' answers, scans from the internet, and benign look-alikes that must stay quiet or low.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { provenanceNames } from '../../src/store/schema/column.js';
import { telemetryTables } from '../../src/store/schema/tables.js';
import type { CellValue } from '../../src/store/store.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-alerts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cols = telemetryTables.alerts.columns.filter((c) => !provenanceNames.has(c.name));
const day1 = Date.parse('2024-05-01T08:00:00Z');
const day2 = Date.parse('2024-05-02T08:00:00Z');

interface Alert {
  at?: number;
  uid?: string | null;
  src: string | null;
  sp?: number | null;
  dst: string | null;
  dp?: number | null;
  sig: string | null;
  sid?: number | null;
  cat?: string | null;
  sev?: number | null;
  md?: Record<string, string[]> | null;
  extra?: Record<string, unknown>;
}

function row(a: Alert): CellValue[] {
  const v: Record<string, CellValue> = {
    ts: BigInt(a.at ?? day1) * 1000n,
    uid: a.uid === undefined ? `F${Math.random()}` : a.uid,
    orig_h: a.src,
    orig_p: a.sp === undefined ? 51000 : a.sp,
    resp_h: a.dst,
    resp_p: a.dp === undefined ? 80 : a.dp,
    proto: 'tcp',
    gid: 1,
    signature_id: a.sid === undefined ? 2000000 + (a.sig?.length ?? 0) : a.sid,
    rev: 1,
    signature: a.sig,
    category: a.cat === undefined ? 'A Network Trojan was detected' : a.cat,
    severity: a.sev === undefined ? 1 : a.sev,
    metadata: a.md ? JSON.stringify(a.md) : null,
  };
  return cols.map((c) => v[c.name] ?? null);
}

async function addAlerts(store: DuckDBStore, alerts: readonly Alert[]): Promise<void> {
  const b = await store.beginBatch({
    sensor: 't',
    sourceFile: `/alerts-${Math.random()}`,
    engine: 'suricata',
  });
  await b.prepare('alerts');
  for (const a of alerts) b.append('alerts', row(a), a.extra ? JSON.stringify(a.extra) : null);
  await b.commit();
}

/** A tiny Malpedia-style galaxy: the families the rules below name, and traps for loose matching. */
function writeGalaxy(): string {
  const file = path.join(dir, 'families.json');
  const cluster = (value: string, n: number, synonyms: string[] = []) => ({
    value,
    uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    meta: { synonyms },
  });
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Families',
      type: 'malpedia',
      uuid: '00000000-0000-4000-8000-999999999999',
      values: [
        cluster('Emotet', 1, ['Geodo', 'Heodo']),
        cluster('Cobalt Strike', 2, ['BEACON', 'CobaltStrike']),
        cluster('Zeus Panda', 3),
      ],
    }),
  );
  return file;
}

const find = (fs: readonly Finding[], host: string, endpoint?: string) =>
  fs.filter((f) => f.host === host && (endpoint === undefined || f.endpointIp === endpoint));

describe('suricata-alerts on synthetic alerts', () => {
  let store: DuckDBStore;
  let findings: readonly Finding[];
  beforeAll(async () => {
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    const intel = await importIntelPaths([writeGalaxy()], { store });
    expect(intel.failed).toBe(0);
    const alerts: Alert[] = [];
    // 700 identical check-ins over 70 flows: one finding with a count, linked to Emotet.
    for (let i = 0; i < 700; i++)
      alerts.push({
        at: day1 + i * 60_000,
        uid: `E${i % 70}`,
        src: '10.0.0.5',
        dst: '203.0.113.10',
        dp: 443,
        sig: 'ET MALWARE Win32/Emotet CnC Activity (POST)',
        sid: 2030001,
      });
    // The family comes from metadata, with its technique; "Beacon" must not be what links it.
    alerts.push({
      src: '10.0.0.6',
      dst: '198.51.100.20',
      dp: 8443,
      sig: 'ET MALWARE Observed Malicious SSL Cert (Beacon)',
      sid: 2030002,
      cat: 'Malware Command and Control Activity Detected',
      md: {
        malware_family: ['Cobalt_Strike'],
        mitre_technique_id: ['T1071.001'],
        signature_severity: ['Critical'],
      },
    });
    // Generic word that a knowledge base lists as an alias (BEACON), and a partial-only match (Zeus).
    alerts.push({
      src: '10.0.0.7',
      dst: '198.51.100.30',
      sig: 'ET TROJAN Possible Beacon Activity',
      sid: 2030003,
    });
    alerts.push({ src: '10.0.0.8', dst: '198.51.100.40', sig: 'ET TROJAN Zeus Checkin', sid: 2030004 });
    // Rules that fire on the server's answer: the packet goes external → internal, the flow is outbound.
    alerts.push({
      src: '203.0.113.50',
      sp: 80,
      dst: '10.0.0.9',
      dp: 51000,
      sig: 'ET TROJAN Possible Windows executable sent when remote host claims to send html content',
      sid: 2030005,
    });
    alerts.push({
      src: '203.0.113.51',
      sp: 4444,
      dst: '10.0.0.10',
      dp: 3333,
      sig: 'ET TROJAN Meterpreter Stage Sent',
      sid: 2030006,
      extra: { direction: 'to_client' },
    });
    // Non-standard ports on both sides: a Suricata flow record of the same flow id, or Suricata 7's
    // flow.src_ip, says which side started the flow.
    alerts.push({
      uid: 'FLOW-12',
      src: '203.0.113.60',
      sp: 5555,
      dst: '10.0.0.12',
      dp: 6666,
      sig: 'ET TROJAN Win32/Emotet CnC Response',
      sid: 2030009,
    });
    alerts.push({
      src: '203.0.113.61',
      sp: 5555,
      dst: '10.0.0.13',
      dp: 6666,
      sig: 'ET TROJAN Win32/Emotet CnC Response',
      sid: 2030009,
      extra: { flow: { src_ip: '10.0.0.13', dest_ip: '203.0.113.61' } },
    });
    // Thirty reputation-listed scanners against one exposed server, which never answers.
    for (let i = 1; i <= 30; i++)
      alerts.push({
        src: `192.0.2.${i}`,
        sp: 40000 + i,
        dst: '10.0.0.20',
        dp: 1000 + i,
        sig: 'ET CINS Active Threat Intelligence Poor Reputation IP group 5',
        sid: 2403304,
        cat: 'Misc Attack',
        sev: 2,
        md: { signature_severity: ['Major'] },
        extra: { flow: { pkts_toserver: 1, pkts_toclient: 0, bytes_toclient: 0 } },
      });
    // A web attack the server answered, and one it did not.
    for (const [src, bytes] of [
      ['192.0.2.100', 50_000],
      ['192.0.2.101', 300],
    ] as const)
      alerts.push({
        src,
        sp: 40100,
        dst: '10.0.0.21',
        sig: 'ET WEB_SERVER PHP tags in HTTP POST',
        sid: 2011768,
        cat: 'Web Application Attack',
        extra: { flow: { pkts_toserver: 6, pkts_toclient: 5, bytes_toclient: bytes } },
      });
    // Internal-only and external-only alerts are not a host ↔ endpoint story.
    alerts.push({
      src: '10.0.0.30',
      dst: '10.0.0.31',
      dp: 445,
      sig: 'ET EXPLOIT Possible ETERNALBLUE Probe',
      sid: 2024218,
    });
    alerts.push({
      src: '198.51.100.1',
      dst: '198.51.100.2',
      sig: 'ET TROJAN Win32/Emotet CnC Activity',
      sid: 2030007,
    });
    // Benign look-alikes: policy, info and decoder alerts.
    alerts.push({
      src: '10.0.0.40',
      dst: '162.125.1.1',
      dp: 443,
      sig: 'ET POLICY Dropbox.com Offsite File Backup in Use',
      sid: 2012647,
      cat: 'Potential Corporate Privacy Violation',
    });
    alerts.push({
      src: '10.0.0.41',
      dst: '203.0.113.99',
      dp: 443,
      sig: 'ET INFO Observed DNS over HTTPS Domain in TLS SNI',
      sid: 2027695,
      cat: 'Misc activity',
      sev: 3,
    });
    alerts.push({
      src: '10.0.0.42',
      dst: '203.0.113.98',
      dp: 443,
      sig: 'SURICATA TLS invalid record/traffic',
      sid: 2230010,
      cat: 'Generic Protocol Command Decode',
      sev: 3,
    });
    // A family rule's false positive across most of the network: ten hosts to one CDN address.
    for (let i = 1; i <= 10; i++)
      alerts.push({
        src: `10.0.1.${i}`,
        dst: '203.0.113.200',
        sig: 'ET TROJAN Win32/Qakbot Checkin',
        sid: 2030008,
      });
    // Day two: one check-in, to test the window.
    alerts.push({
      at: day2,
      src: '10.0.0.11',
      dst: '203.0.113.77',
      sig: 'ET TROJAN Win32/Emotet CnC Activity',
      sid: 2030007,
    });
    await addAlerts(store, alerts);
    const flows = await store.beginBatch({ sensor: 't', sourceFile: '/flows', engine: 'suricata' });
    await flows.prepare('conn');
    const connCols = telemetryTables.conn.columns.filter((c) => !provenanceNames.has(c.name));
    const flow: Record<string, CellValue> = {
      ts: BigInt(day1) * 1000n,
      uid: 'FLOW-12',
      orig_h: '10.0.0.12',
      orig_p: 6666,
      resp_h: '203.0.113.60',
      resp_p: 5555,
      resp_bytes: 5000,
    };
    flows.append(
      'conn',
      connCols.map((c) => flow[c.name] ?? null),
      null,
    );
    await flows.commit();
    findings = (await runDetectors({ store, only: ['suricata-alerts'] })).findings;
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('makes one finding of 700 identical alerts, linked to the family the signature names', () => {
    const [f, ...more] = find(findings, '10.0.0.5');
    expect(more).toHaveLength(0);
    expect(f?.endpointIp).toBe('203.0.113.10');
    expect(f?.stats['alerts']).toBe(700);
    expect(f?.connections).toBe(70);
    expect(f?.links.map((l) => l.name)).toEqual(['Emotet']);
    expect(f?.score).toBe(0.85);
    expect(f?.severity).toBe('high');
    expect(f?.techniques).toEqual(['T1071']);
    expect(f?.explanation).toMatch(
      /^10\.0\.0\.5 → 203\.0\.113\.10 \(port 443\): Suricata raised "ET MALWARE/,
    );
    expect(f?.explanation).toMatch(/700 times/);
    expect(f?.explanation).toMatch(/the signature names Emotet, known to the knowledge base/);
  });

  it('takes the family and techniques from metadata when the rule gives them', () => {
    const [f] = find(findings, '10.0.0.6');
    expect(f?.links.map((l) => l.name)).toEqual(['Cobalt Strike']);
    expect(f?.techniques).toEqual(['T1071.001']);
    expect(f?.stats['familySource']).toBe('metadata');
    expect(f?.explanation).toMatch(
      /the rule's metadata names the malware family Cobalt_Strike \(Cobalt Strike in the knowledge base\)/,
    );
    expect(f?.severity).toBe('critical');
  });

  it('links nothing for generic words or partial name matches', () => {
    // Without a family the hedged rule stays medium and the plain one high, with no bonus.
    for (const [host, score] of [
      ['10.0.0.7', 0.7],
      ['10.0.0.8', 0.75],
    ] as const) {
      const [f] = find(findings, host);
      expect(f?.links, host).toEqual([]);
      expect(f?.score, host).toBe(score);
      expect(f?.stats['families'], host).toBeUndefined();
    }
  });

  it('reads the flow direction, not the alerting packet, for rules on a server answer', () => {
    for (const [host, endpoint] of [
      ['10.0.0.9', '203.0.113.50'],
      ['10.0.0.10', '203.0.113.51'],
      ['10.0.0.12', '203.0.113.60'],
      ['10.0.0.13', '203.0.113.61'],
    ] as const) {
      const [f] = find(findings, host, endpoint);
      expect(f?.stats['direction'], host).toBe('outbound');
      expect(f?.score, host).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('keeps scans from the internet low, capped per host, with the number of sources', () => {
    const scans = find(findings, '10.0.0.20');
    expect(scans).toHaveLength(10);
    for (const f of scans) {
      expect(f.severity).toBe('low');
      expect(f.stats['direction']).toBe('inbound');
      expect(f.stats['inboundSources']).toBe(30);
      expect(f.techniques).toEqual(['T1595']);
    }
    expect(scans[0]?.explanation).toMatch(/inbound: .*the host sent nothing back; 30 external sources/);
  });

  it('scores an answered web attack above an unanswered one, both short of high', () => {
    const answered = find(findings, '10.0.0.21', '192.0.2.100')[0];
    const ignored = find(findings, '10.0.0.21', '192.0.2.101')[0];
    expect(answered?.score).toBe(0.5);
    expect(ignored?.score).toBe(0.4);
    expect(answered?.explanation).toMatch(/the host answered with up to 50000 bytes/);
    expect(answered?.techniques).toEqual(['T1190']);
  });

  it('reports no internal-only, external-only, policy, info or decoder alerts', () => {
    const hosts = new Set(findings.map((f) => f.host));
    for (const h of [
      '10.0.0.30',
      '10.0.0.31',
      '198.51.100.1',
      '198.51.100.2',
      '10.0.0.40',
      '10.0.0.41',
      '10.0.0.42',
    ])
      expect(hosts.has(h), h).toBe(false);
    expect(findings.every((f) => f.score >= 0.3)).toBe(true);
  });

  it('down-weights a rule that most of the network sets off', () => {
    const fp = findings.filter((f) => f.endpointIp === '203.0.113.200');
    expect(fp).toHaveLength(10);
    for (const f of fp) {
      expect(f.score).toBeLessThan(0.5);
      expect(f.explanation).toMatch(/down-weighted because 10 of \d+ internal hosts share it/);
    }
  });

  it('respects the time window', async () => {
    expect(find(findings, '10.0.0.11')).toHaveLength(1);
    const run = await runDetectors({ store, only: ['suricata-alerts'], from: '2024-05-02T00:00:00Z' });
    expect(run.findings.map((f) => f.host)).toEqual(['10.0.0.11']);
  });
});

describe('suricata-alerts on missing or bad data', () => {
  it('finds nothing, without failing, in an empty store and in alerts with empty columns', async () => {
    const store = await DuckDBStore.open({ dataDir: path.join(dir, 'bad') });
    try {
      expect((await runDetectors({ store, only: ['suricata-alerts'] })).findings).toEqual([]);
      await addAlerts(store, [
        { src: null, dst: null, sig: null, sid: null, cat: null, sev: null, sp: null, dp: null, uid: null },
        { src: 'not-an-ip', dst: '10.0.0.1', sig: 'ET TROJAN Emotet', uid: null },
        {
          src: '10.0.0.2',
          dst: '203.0.113.3',
          sig: null,
          sid: null,
          cat: null,
          sev: null,
          sp: null,
          dp: null,
        },
      ]);
      const run = await runDetectors({ store, only: ['suricata-alerts'] });
      expect(run.findings).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
