// Live mode: the time from conn lines appended to a followed log to their alert, while the sensor
// writes 5,000 conn rows/s of ordinary traffic. Not run in tests; `npm run bench` runs it with
// MAMORI_BENCH_ONLY unset or `live`, or alone: `npx tsx bench/server/live-latency.ts`.
// Each round plants a new beacon (a fresh host and server, two days of calls) in one append and
// waits for its alert in the JSONL file; the table gives each round's latency and its hunt time.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { defaultConfig } from '../../src/config/config-schema.js';
import { startLiveLoop } from '../../src/server/live/live-loop.js';
import { openStore } from '../../src/store/open-store.js';
import { fakeServerContext } from '../../test/helpers/fake-server-context.js';

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

let uid = 0;
let seed = 2016;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const line = (ts: number, orig: string, resp: string, port: number, out: number, inb: number) =>
  [
    ts.toFixed(6),
    `B${uid++}`,
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

const sites = Array.from({ length: 200 }, (_, i) => `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`);
const start = Date.parse('2024-05-01T00:00:00Z') / 1000;

/** `n` rows of browsing by 200 PCs to 200 sites over the two days. */
function background(n: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const host = `10.8.${Math.floor(rand() * 2)}.${10 + Math.floor(rand() * 100)}`;
    rows.push(
      line(
        start + rand() * 2 * 86_400,
        host,
        sites[Math.floor(rand() * sites.length)] as string,
        443,
        500 + Math.floor(rand() * 4000),
        5000 + Math.floor(rand() * 50_000),
      ),
    );
  }
  return `${rows.join('\n')}\n`;
}

/** A beacon from `host` to `server` every 10 minutes ±10% over the two days. */
function beacon(host: string, server: string): string {
  const rows: string[] = [];
  for (let t = start; t < start + 2 * 86_400; t += 600 * (1 + (rand() * 2 - 1) * 0.1))
    rows.push(line(t, host, server, 8443, 512, 90));
  return `${rows.join('\n')}\n`;
}

/** Runs the benchmark and appends its Markdown table to `lines`. */
export async function liveLatencyBench(lines: string[], work: string): Promise<void> {
  const rowsPerSecond = Number(process.env['MAMORI_LIVE_ROWS_PER_SECOND'] ?? 5000);
  const rounds = Number(process.env['MAMORI_LIVE_ROUNDS'] ?? 3);
  const warmSeconds = Number(process.env['MAMORI_LIVE_WARM_SECONDS'] ?? 10);
  const dir = join(work, 'live');
  rmSync(dir, { recursive: true, force: true });
  const logs = join(dir, 'sensor');
  mkdirSync(logs, { recursive: true });
  const conn = join(logs, 'conn.log');
  writeFileSync(conn, `${header.join('\n')}\n`);
  const jsonl = join(dir, 'alerts.jsonl');
  const base = defaultConfig();
  const config = {
    ...base,
    live: { ...base.live, follow: [logs], pollSeconds: 1, settleSeconds: 1 },
    alerts: { ...base.alerts, minSeverity: 'low' as const, includeLikelyBenign: true, jsonlFile: jsonl },
  };
  const dataDir = join(dir, 'data');
  // The store's own triage: hunts read its suppressions, alerts its alert state.
  const store = await openStore({ dataDir });
  const ctx = fakeServerContext(store, dataDir, config);
  const loop = await startLiveLoop(ctx, { follow: [] });
  let writing = true;
  let written = 0;
  // The sensor: rowsPerSecond rows a second, in tenths of a second.
  const writer = (async () => {
    while (writing) {
      appendFileSync(conn, background(rowsPerSecond / 10));
      written += rowsPerSecond / 10;
      await sleep(100);
    }
  })();
  const alerted = () => (existsSync(jsonl) ? readFileSync(jsonl, 'utf8') : '');
  const alertedHost = async (host: string) => {
    for (const l of alerted().split('\n').filter(Boolean)) {
      const id = (JSON.parse(l) as { incidentId: string }).incidentId;
      const found = await ctx.read((s) => s.getIncident(id));
      if (found?.incident.hosts.some((h) => h.ip === host)) return true;
    }
    return false;
  };
  const huntSeconds: number[] = [];
  const huntStarts: number[] = [];
  ctx.events.on((e) => {
    if (e.type === 'hunt-started') huntStarts.push(performance.now());
    if (e.type === 'hunt-done') huntSeconds.push((performance.now() - (huntStarts.at(-1) ?? 0)) / 1000);
    if (process.env['MAMORI_LIVE_DEBUG']) process.stderr.write(`${JSON.stringify(e)}\n`);
  });
  const rows: string[] = [];
  try {
    await sleep(warmSeconds * 1000);
    for (let r = 0; r < rounds; r++) {
      const host = `10.9.0.${r + 5}`;
      const t0 = performance.now();
      appendFileSync(conn, beacon(host, `203.0.113.${r + 30}`));
      while (!(await alertedHost(host)) && performance.now() - t0 < 300_000) await sleep(100);
      const seconds = (performance.now() - t0) / 1000;
      const stored = (await ctx.read((s) => s.tableRows()))['conn'] ?? 0;
      rows.push(
        `| ${r + 1} | ${stored.toLocaleString('en')} | ${seconds.toFixed(1)} s | ${(huntSeconds.at(-1) ?? Number.NaN).toFixed(1)} s |`,
      );
    }
  } finally {
    writing = false;
    await writer;
    await loop.stop();
    await store.close();
  }
  lines.push(
    '',
    `Live latency: ${rowsPerSecond.toLocaleString('en')} conn rows/s appended to a followed conn.log (poll 1 s, settle 1 s), ${written.toLocaleString('en')} rows written in all`,
    '',
    '| round | conn rows stored | appended → alert | its hunt |',
    '|---|---|---|---|',
    ...rows,
  );
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const lines: string[] = [];
  await liveLatencyBench(lines, resolve(import.meta.dirname, '../../.bench-data'));
  console.log(lines.join('\n'));
}
