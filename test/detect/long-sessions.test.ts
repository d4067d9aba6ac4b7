// The misses of issue 11, as small Zeek logs: one 12-minute session to port 1234 from a host that
// otherwise speaks only to internal servers, and two 28-minute IRC sessions to port 6667 from a bot
// that browses too. Office hosts holding long sessions to 443 and 5222 outside, and to 3389 inside,
// stay quiet.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import type { Incident } from '../../src/domain/incident.js';
import { buildIncidents } from '../../src/incidents/build-incidents.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { type ConnRecord, writeConnLog } from '../helpers/zeek-log-writer.js';

const start = Date.parse('2024-05-01T07:00:00Z') / 1000;
const shell = '10.3.0.15';
const bot = '10.3.0.40';
const office = Array.from({ length: 30 }, (_, i) => `10.3.1.${i + 10}`);

function capture(): ConnRecord[] {
  const out: ConnRecord[] = [];
  const inside = (h: string, t: number) => [
    {
      ts: t,
      orig: h,
      resp: '10.3.0.2',
      port: 53,
      proto: 'udp' as const,
      service: 'dns',
      duration: 0.01,
      out: 40,
      in: 90,
    },
    { ts: t + 2, orig: h, resp: '10.3.0.3', port: 445, service: 'smb', duration: 3, out: 2000, in: 9000 },
  ];
  for (let t = start; t < start + 9 * 3600; t += 900) {
    out.push(...inside(shell, t), ...inside(bot, t));
    for (const h of office) out.push(...inside(h, t));
  }
  // The miss: one 12-minute session to 1234.
  out.push({
    ts: start + 2 * 3600,
    orig: shell,
    resp: '203.0.113.77',
    port: 1234,
    duration: 12 * 60,
    out: 4800,
    in: 61000,
  });
  // The botnet: two 28-minute IRC sessions, and web traffic to many sites.
  for (const at of [3600, 5 * 3600])
    out.push({
      ts: start + at,
      orig: bot,
      resp: '198.51.100.66',
      port: 6667,
      service: 'irc',
      duration: 28 * 60,
      out: 3000,
      in: 9000,
    });
  for (let i = 0; i < 25; i++)
    out.push({
      ts: start + 600 + i * 700,
      orig: bot,
      resp: `192.0.2.${i + 10}`,
      port: 80,
      service: 'http',
      duration: 2,
      out: 400,
      in: 30000,
    });
  // The office: browsing, a chat client's day-long 5222 session, an hour-long 443 session, and a
  // long RDP session to an internal server.
  office.forEach((h, i) => {
    for (let k = 0; k < 20; k++)
      out.push({
        ts: start + k * 1500 + i,
        orig: h,
        resp: `192.0.2.${100 + ((i + k) % 60)}`,
        port: 443,
        service: 'ssl',
        duration: 4,
        out: 900,
        in: 40000,
      });
    out.push({
      ts: start + 60 + i,
      orig: h,
      resp: '198.51.100.5',
      port: 5222,
      duration: 8 * 3600,
      out: 90000,
      in: 120000,
    });
    if (i % 5 === 0)
      out.push({
        ts: start + 120,
        orig: h,
        resp: `192.0.2.${200 + i}`,
        port: 443,
        service: 'ssl',
        duration: 3600,
        out: 5000,
        in: 9e6,
      });
    if (i % 7 === 0)
      out.push({
        ts: start + 300,
        orig: h,
        resp: '10.3.0.9',
        port: 3389,
        duration: 4 * 3600,
        out: 9e6,
        in: 9e7,
      });
  });
  return out.sort((a, b) => a.ts - b.ts);
}

describe('long sessions on uncommon ports, and from hosts that otherwise stay inside', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-sessions-'));
  let store: DuckDBStore;
  let findings: readonly Finding[];
  let incidents: Incident[];
  beforeAll(async () => {
    mkdirSync(path.join(dir, 'logs'));
    writeConnLog(path.join(dir, 'logs', 'conn.log'), capture());
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    await ingestPaths([path.join(dir, 'logs')], { store, sensor: 'lab', tmpDir: path.join(dir, 'tmp') });
    findings = (await runDetectors({ store })).findings;
    incidents = await buildIncidents(store, findings);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the single 12-minute session to port 1234', () => {
    const f = findings.find((x) => x.host === shell && x.endpointIp === '203.0.113.77');
    expect(f?.detector).toBe('long-connections');
    expect(f?.score).toBeGreaterThanOrEqual(0.6);
    expect(f?.stats).toMatchObject({ uncommonPort: true, quietHost: 1, otherExternal: 0, sessions: 1 });
    expect(f?.techniques).toContain('T1571');
    expect(f?.explanation).toMatch(
      /^10\.3\.0\.15 held a session of 12 minutes to 203\.0\.113\.77 on port 1234; port 1234 is uncommon \(1 internal host uses it\), and apart from it 10\.3\.0\.15 reached only internal servers \(2\)\.$/,
    );
  });

  it('finds the two 28-minute IRC sessions of a host that browses', () => {
    const f = findings.find((x) => x.host === bot && x.endpointIp === '198.51.100.66');
    expect(f?.score).toBeGreaterThanOrEqual(0.5);
    expect(f?.stats).toMatchObject({
      uncommonPort: true,
      quietHost: 0,
      sessions: 2,
      totalSeconds: 2 * 28 * 60,
    });
    expect(f?.explanation).toMatch(
      / held 2 sessions of up to 28 minutes to 198\.51\.100\.66 on port 6667; port 6667 is uncommon/,
    );
  });

  it('makes each of them an incident with its server as C2', () => {
    for (const [host, server] of [
      [shell, '203.0.113.77'],
      [bot, '198.51.100.66'],
    ]) {
      const inc = incidents.find((i) => i.hosts.some((h) => h.ip === host));
      expect(inc?.servers.map((s) => [s.key, s.role])).toEqual([[server, 'c2']]);
    }
  });

  it('leaves the office alone: chat, long HTTPS and internal RDP sessions', () => {
    const officeFindings = findings.filter((f) => office.includes(f.host) && f.score >= 0.5);
    expect(officeFindings.map((f) => `${f.detector} ${f.host}>${f.endpointIp}`)).toEqual([]);
    expect(incidents).toHaveLength(2);
  });
});
