// The team server's benchmarks: the queue API with 10,000 incidents, a 1,000 × 200 incident's
// detail and page in headless Chromium, and the UI's JavaScript. Each figure has a baseline from
// the same run, measured interleaved with it. `npm run bench:server`, or `npm run bench` with
// MAMORI_BENCH_ONLY=server (or unset). Run `npm run build` first: the UI is served from dist/web.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defaultConfig } from '../../src/config/config-schema.js';
import { startServer } from '../../src/server/serve.js';
import { openStore } from '../../src/store/open-store.js';
import { seedIncidents } from './seed-incidents.js';

const repo = resolve(import.meta.dirname, '../..');
const webRoot = join(repo, 'dist/web');
const requests = Number(process.env['MAMORI_BENCH_REQUESTS'] ?? 300);
const incidentCount = Number(process.env['MAMORI_BENCH_INCIDENTS'] ?? 10_000);

const pct = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

/** One GET, body read to the end; its time in ms. */
async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
  return performance.now() - t0;
}

/** `n` rounds; in each, every URL once, in turn, so noise falls on all of them alike. */
async function interleaved(urls: readonly string[], n: number): Promise<number[][]> {
  const times = urls.map(() => [] as number[]);
  for (const u of urls) await timed(u); // warm-up: first compile, caches
  for (let i = 0; i < n; i++) for (const [k, u] of urls.entries()) times[k]?.push(await timed(u));
  return times;
}

/** The cursor `pages` pages into a listing, following nextCursor. */
async function deepCursor(url: string, pages: number): Promise<string> {
  let cursor = '';
  for (let i = 0; i < pages; i++) {
    const r = (await (await fetch(cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url)).json()) as {
      nextCursor: string | null;
    };
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  return cursor;
}

function chromiumPath(): string | null {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

/** Best of 3 interleaved loads: the incident page to data-ready, the queue to its first row. */
async function uiRows(lines: string[], url: string, bigId: string): Promise<void> {
  const exe = chromiumPath();
  if (!exe) {
    lines.push(
      '| incident page 1,000 × 200 ready | | | skipped: Chromium not found (CHROMIUM_PATH) | | < 2 s |',
    );
    return;
  }
  if (!existsSync(join(webRoot, 'index.html'))) {
    lines.push(
      '| incident page 1,000 × 200 ready | | | skipped: no dist/web (run npm run build) | | < 2 s |',
    );
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
  try {
    const queue: number[] = [];
    const incident: number[] = [];
    const phases: number[][] = [];
    for (let i = 0; i < 3; i++) {
      for (const which of ['queue', 'incident'] as const) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const t0 = performance.now();
        if (which === 'queue') {
          await page.goto(`${url}/`);
          await page.waitForSelector('[data-testid="queue-row"]', { timeout: 60_000 });
          queue.push(performance.now() - t0);
        } else {
          await page.goto(`${url}/incidents/${bigId}`);
          // Each phase's time (a phase already reached is seen at once): where the time goes.
          const at: number[] = [];
          for (const sel of [
            '[data-testid="incident-page"]',
            '[data-graph-ready="true"]',
            '[data-ready="true"]',
          ]) {
            await page.waitForSelector(sel, { timeout: 60_000 });
            at.push(performance.now() - t0);
          }
          incident.push(at[2] as number);
          phases.push(at);
        }
        await page.close();
      }
    }
    const best = Math.min(...incident);
    const [shown, graph] = phases[incident.indexOf(best)] as number[];
    lines.push(
      `| incident page ready (graph, charts), headless Chromium | 1,000 hosts × 200 servers | queue page to its first row: ${ms(Math.min(...queue))} | ${ms(best)} (page shown ${ms(shown as number)}, graph laid out ${ms(graph as number)}) | ${(best / Math.min(...queue)).toFixed(1)}× | < 2 s: **${best < 2000 ? 'pass' : 'FAIL'}** |`,
    );
  } finally {
    await browser.close();
  }
}

/** The gzip size of the JS index.html loads, and of the chunks loaded later. */
function bundleRow(lines: string[]): void {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) {
    lines.push('| initial JS bundle (gzip) | | | skipped: no dist/web (run npm run build) | | < 500 KB |');
    return;
  }
  const html = readFileSync(index, 'utf8');
  const initial = new Set(
    [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1] as string),
  );
  const gz = (rel: string) => gzipSync(readFileSync(join(webRoot, rel)), { level: 9 }).length;
  const all = readdirSync(join(webRoot, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const first = [...initial].reduce((n, f) => n + gz(f), 0);
  const lazy = all.filter((f) => !initial.has(f));
  const lazyBytes = lazy.reduce((n, f) => n + gz(f), 0);
  const raw = [...initial].reduce((n, f) => n + readFileSync(join(webRoot, f)).length, 0);
  lines.push(
    `| initial JS bundle (gzip -9) | ${initial.size} file(s) index.html loads | uncompressed ${kb(raw)} | ${kb(first)} | | < 500 KB: **${first < 500 * 1024 ? 'pass' : 'FAIL'}** |`,
  );
  lines.push(
    `| lazy JS chunks (gzip -9) | ${lazy.length} chunks loaded on demand (graph, charts…) | | ${kb(lazyBytes)} | | (no target) |`,
  );
}

/** The server rows of the benchmark table. */
export async function serverBench(lines: string[], work: string): Promise<void> {
  const dataDir = join(work, 'server-bench');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const store = await openStore({ dataDir });
  const [bigId] = await seedIncidents(store, incidentCount, [{ hosts: 1000, servers: 200 }]);
  await store.close();
  // No users and loopback only: anonymous mode, as `mamori serve` after `mamori demo`.
  const server = await startServer({
    dataDir,
    config: defaultConfig(),
    host: '127.0.0.1',
    port: 0,
    follow: [],
    webRoot,
  });
  try {
    const api = `${server.url}/api/v1`;
    const health = `${api}/health`;
    const list = `${api}/incidents?limit=100`;
    const filtered = `${api}/incidents?limit=100&status=new,investigating&severity=critical,high&verdict=suspicious&sort=bytes&order=asc`;
    const deep = `${list}&cursor=${encodeURIComponent(await deepCursor(list, 50))}`;
    const [base, first, filt, deepT] = (await interleaved([health, list, filtered, deep], requests)) as [
      number[],
      number[],
      number[],
      number[],
    ];
    const n = (incidentCount + 1).toLocaleString('en');
    for (const [label, t] of [
      ['first page (limit 100)', first],
      ['filtered + sorted page (status, severity, verdict; by bytes)', filt],
      ['deep page (50 pages in, by cursor)', deepT],
    ] as const) {
      const p95 = pct(t, 95);
      lines.push(
        `| GET /api/v1/incidents, ${label} | ${n} incidents, ${requests} requests | GET /health p50 ${ms(pct(base, 50))}, p95 ${ms(pct(base, 95))} | p50 ${ms(pct(t, 50))}, p95 ${ms(p95)} | ${(p95 / pct(base, 95)).toFixed(1)}× | p95 < 100 ms: **${p95 < 100 ? 'pass' : 'FAIL'}** |`,
      );
    }
    const detailN = Math.min(requests, 60);
    const [b2, detail] = (await interleaved([health, `${api}/incidents/${bigId}`], detailN)) as [
      number[],
      number[],
    ];
    lines.push(
      `| GET /api/v1/incidents/:id | 1,000 hosts × 200 servers, ${detailN} requests | GET /health p95 ${ms(pct(b2, 95))} | p50 ${ms(pct(detail, 50))}, p95 ${ms(pct(detail, 95))} | | (no target) |`,
    );
    await uiRows(lines, server.url, bigId as string);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  bundleRow(lines);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const work = resolve(repo, '.bench-data');
  mkdirSync(work, { recursive: true });
  const lines = [
    `mamori server benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}`,
    '',
    '| measure | input | baseline | mamori | ratio | target |',
    '|---|---|---|---|---|---|',
  ];
  await serverBench(lines, work);
  console.log(lines.join('\n'));
}
