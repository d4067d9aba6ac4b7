// A Zeus (Zbot) bot as Zeek logs it: GET /config.bin, then a binary POST to /gate.php every 20
// minutes, with Internet Explorer's own user agent (the bot speaks through WinInet) and no Referer.
// The office posts forms to .php pages too, with a Referer and a text body.
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
import { type HttpRecord, writeHttpLog } from '../helpers/zeek-log-writer.js';

const ie = 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)';
const start = Date.parse('2024-05-01T08:00:00Z') / 1000;
const bot = '10.4.0.12';
const panel = '203.0.113.90';

function requests(): HttpRecord[] {
  const out: HttpRecord[] = [];
  out.push({
    ts: start + 30,
    orig: bot,
    resp: panel,
    method: 'GET',
    host: 'zb-panel.example',
    uri: '/config.bin',
    userAgent: ie,
    in: 18_432,
    respMime: 'application/octet-stream',
  });
  let seed = 5;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let t = start + 60; t < start + 8 * 3600; t += 1200 * (1 + (rand() * 2 - 1) * 0.1))
    out.push({
      ts: t,
      orig: bot,
      resp: panel,
      method: 'POST',
      host: 'zb-panel.example',
      uri: '/gate.php',
      userAgent: ie,
      out: 300 + Math.round(rand() * 100),
      in: 40,
      origMime: 'application/octet-stream',
    });
  for (let h = 0; h < 12; h++)
    for (let k = 0; k < 8; k++) {
      const ts = start + k * 3600 + h * 7;
      const site = `192.0.2.${10 + ((h + k) % 20)}`;
      out.push({
        ts,
        orig: `10.4.1.${h + 10}`,
        resp: site,
        method: 'GET',
        host: `shop${(h + k) % 20}.example`,
        uri: '/index.php',
        userAgent: ie,
        in: 20_000,
        respMime: 'text/html',
      });
      out.push({
        ts: ts + 3,
        orig: `10.4.1.${h + 10}`,
        resp: site,
        method: 'POST',
        host: `shop${(h + k) % 20}.example`,
        uri: '/login.php?next=/',
        referrer: `http://shop${(h + k) % 20}.example/index.php`,
        userAgent: ie,
        out: 120,
        in: 900,
        origMime: 'text/plain',
        respMime: 'text/html',
      });
    }
  return out.sort((a, b) => a.ts - b.ts);
}

describe('a Zeus check-in to gate.php', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-zeus-'));
  let store: DuckDBStore;
  let findings: readonly Finding[];
  let incidents: Incident[];
  beforeAll(async () => {
    mkdirSync(path.join(dir, 'logs'));
    writeHttpLog(path.join(dir, 'logs', 'http.log'), requests());
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    await ingestPaths([path.join(dir, 'logs')], { store, sensor: 'lab', tmpDir: path.join(dir, 'tmp') });
    findings = (await runDetectors({ store })).findings;
    incidents = await buildIncidents(store, findings);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is an HTTP oddity: binary POSTs to a PHP gate without a Referer, and nothing in the office', () => {
    const odd = findings.filter((f) => f.detector === 'tls-http-oddities');
    expect(odd.map((f) => `${f.host}>${f.endpointIp}`)).toEqual([`${bot}>${panel}`]);
    expect(odd[0]?.stats['oddities']).toEqual(['gatePost']);
    expect(odd[0]?.explanation).toMatch(
      /binary POSTs to a PHP gate without a Referer \(2\d, e\.g\. \/gate\.php\)/,
    );
    // Alone it is circumstantial: low, like every single oddity.
    expect(odd[0]?.score).toBeLessThan(0.5);
  });

  it('joins the incident its schedule makes, with the panel as C2', () => {
    expect(incidents).toHaveLength(1);
    const [inc] = incidents;
    expect(inc?.hosts.map((h) => h.ip)).toEqual([bot]);
    expect(inc?.servers.map((s) => [s.key, s.role])).toEqual([['zb-panel.example', 'c2']]);
    expect(new Set(inc?.findings.map((f) => f.detector))).toEqual(
      new Set(['beaconing', 'tls-http-oddities']),
    );
  });
});
