import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeServerContext } from '../../../test/helpers/fake-server-context.js';
import { runCli } from '../../cli/run-cli.test-helper.js';
import { defaultConfig } from '../../config/config-schema.js';
import { openStore } from '../../store/open-store.js';
import { createSerialiser, startSnapshotListener } from '../snapshot-listener.js';
import { startLiveLoop } from './live-loop.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-live-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2024-05-01-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\thistory',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tstring',
];
const start = Date.parse('2024-05-01T00:00:00Z') / 1000;
let uid = 0;
function conn(ts: number, orig: string, resp: string, port: number, out: number, inb: number): string {
  return [
    ts.toFixed(6),
    `C${uid++}`,
    orig,
    40_000 + (uid % 20_000),
    resp,
    port,
    'tcp',
    'ssl',
    '1.000000',
    out,
    inb,
    'SF',
    'ShADadFf',
  ].join('\t');
}

/** Ordinary browsing: 20 PCs, a few popular sites, at random times over two days. */
function background(): string[] {
  let seed = 11;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const sites = ['93.184.215.14', '151.101.1.67', '104.16.85.20', '142.250.74.101'];
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const host = `10.1.1.${20 + Math.floor(rand() * 20)}`;
    lines.push(
      conn(
        start + rand() * 2 * 86_400,
        host,
        sites[i % sites.length] as string,
        443,
        800 + Math.floor(rand() * 5000),
        20_000 + Math.floor(rand() * 90_000),
      ),
    );
  }
  return lines.sort();
}

/** One PC calling one address every 10 minutes ±10% for two days: a C2 beacon. */
function beacon(): string[] {
  const lines: string[] = [];
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let t = start; t < start + 2 * 86_400; t += 600 * (1 + (rand() * 2 - 1) * 0.1))
    lines.push(conn(t, '10.1.1.5', '203.0.113.30', 8443, 512, 90));
  return lines;
}

describe('the live loop', () => {
  it('15.1/15.2: lines appended to a followed conn.log become an incident, an alert in the file and at the webhook, while the CLI reads a snapshot', async () => {
    const dataDir = join(dir, 'data');
    const logs = join(dir, 'sensor');
    mkdirSync(logs, { recursive: true });
    const connLog = join(logs, 'conn.log');
    writeFileSync(connLog, `${[...header, ...background()].join('\n')}\n`);
    const posted: unknown[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        posted.push(JSON.parse(body));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const jsonl = join(dir, 'alerts.jsonl');
    const base = defaultConfig();
    const config = {
      ...base,
      live: { ...base.live, follow: [logs], pollSeconds: 0.2, settleSeconds: 0.3 },
      alerts: {
        ...base.alerts,
        minSeverity: 'low' as const,
        includeLikelyBenign: true,
        jsonlFile: jsonl,
        webhooks: [
          {
            url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
            shape: 'generic' as const,
            headers: {},
          },
        ],
      },
    };
    const store = await openStore({ dataDir });
    const ctx = fakeServerContext(store, dataDir, config);
    // The snapshot route of the owner, as `ingest --follow` answers it, serialised with the loop's writes.
    const serialise = createSerialiser();
    const listener = await startSnapshotListener({
      dataDir,
      store,
      serialise: (fn) => ctx.write('snapshot', () => serialise(fn)),
    });
    const loop = await startLiveLoop(ctx, { follow: [] });
    try {
      const hunted = () => ctx.emitted.filter((e) => e.type === 'hunt-done');
      for (let i = 0; i < 150 && hunted().length === 0; i++) await sleep(100);
      expect(hunted().length).toBeGreaterThan(0);
      await loop.scheduler.idle();
      const before = (await store.listIncidents()).map((i) => i.id);
      appendFileSync(connLog, `${beacon().join('\n')}\n`);
      const alerted = () => hunted().flatMap((e) => (e.type === 'hunt-done' ? e.newIncidents : []));
      for (let i = 0; i < 200 && alerted().filter((id) => !before.includes(id)).length === 0; i++)
        await sleep(100);
      const fresh = alerted().filter((id) => !before.includes(id));
      expect(fresh.length).toBeGreaterThan(0);
      const incident = (await store.getIncident(fresh[0] as string))?.incident;
      expect(incident?.hosts.map((h) => h.ip)).toContain('10.1.1.5');
      await loop.alerts.idle();
      const lines = readFileSync(jsonl, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.incidentId)).toContain(fresh[0]);
      expect(lines.find((l) => l.incidentId === fresh[0])?.link).toBe(
        `${listener.url}/incidents/${fresh[0]}`,
      );
      expect(posted.map((p) => (p as { incidentId: string }).incidentId)).toContain(fresh[0]);
      // A CLI read while the loop owns the store: through a snapshot, said on stderr.
      const r = await runCli('incidents', '--data', dataDir, '--json');
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/reading a snapshot of the live store as of \d{4}-/);
      expect(r.out).toContain(fresh[0]);
      const d = await runCli('detect', '--data', dataDir, '--dry-run', '--json', '--only', 'beaconing');
      expect(d.code).toBe(0);
      expect(JSON.parse(d.out).runId).toBe(0);
      expect(JSON.parse(d.out).findings.some((f: { host: string }) => f.host === '10.1.1.5')).toBe(true);
      // A write command refuses, naming the owner.
      const w = await runCli('hunt', '--data', dataDir, '--no-progress');
      expect(w.code).toBe(75);
      expect(w.err).toContain(`owned by mamori ingest --follow (pid ${process.pid}, ${listener.url})`);
      expect(w.err).not.toMatch(/database is locked/i);
    } finally {
      await loop.stop();
      await listener.close();
      await store.close();
      hook.close();
    }
  });
});
