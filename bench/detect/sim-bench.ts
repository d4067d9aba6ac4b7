// The simulated half of `npm run bench:detect`: seeds of an office with an intrusion planted, jitter
// from 0 to 50%, 1–5 days, 200–2,000 background hosts; each ingested into a store that holds the MISP
// warninglists (as a user's would), detected with mamori and with the RITA-style baseline.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { simulate } from '../../src/sim/simulate.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { baselineFindings } from './evaluate-store.js';
import { type SimScore, scoreSimulation } from './sim-truth.js';

/** The parameters of seed i of n: spread evenly over the ranges the issue names. */
export function seedPlan(i: number, n: number, scale: number) {
  const kinds = ['apt', 'apt+commodity', 'apt+dga', 'apt+dns-tunnel'];
  const sleeps = ['none', 'night', 'weekend', 'night+weekend'] as const;
  const intervals = [60, 300, 600, 1800];
  return {
    seed: 1000 + i,
    scenario: kinds[i % kinds.length] as string,
    jitter: n === 1 ? 0.5 : Math.round((i / (n - 1)) * 50) / 100,
    days: 1 + (i % 5),
    hosts: Math.max(20, Math.round((200 + ((i * 397) % 1801)) * scale)),
    sleep: sleeps[(i >> 1) % sleeps.length] as (typeof sleeps)[number],
    c2Proto: i % 2 === 0 ? ('tls' as const) : ('http' as const),
    interval: intervals[i % intervals.length] as number,
  };
}

function sum(scores: readonly SimScore[], k: keyof SimScore): number {
  return scores.reduce((n, s) => n + (s[k] as number), 0);
}

const pct = (a: number, b: number) => (b === 0 ? '—' : (a / b).toFixed(2));

export async function simBench(shared: string, work: string, lines: string[]): Promise<boolean> {
  const n = Number(process.env['MAMORI_BENCH_SEEDS'] ?? 20);
  const scale = Number(process.env['MAMORI_BENCH_SIM_SCALE'] ?? 1);
  const template = path.join(work, 'template');
  rmSync(template, { recursive: true, force: true });
  {
    const store = await DuckDBStore.open({ dataDir: template });
    await importIntelPaths([path.join(shared, 'intel/misp-warninglists')], { store });
    await store.close();
  }
  lines.push('### Simulated intrusions');
  lines.push('');
  lines.push(
    '| seed | scenario | hosts × days | jitter | interval | sleep | C2 | host recall | C2 recall | precision | false ≥ 0.5 | false high | RITA-style host recall | RITA-style precision | RITA-style false high | detect s |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const ours: SimScore[] = [];
  const base: SimScore[] = [];
  const jitterRows: { jitter: number; ours: SimScore; base: SimScore }[] = [];
  for (let i = 0; i < n; i++) {
    const p = seedPlan(i, n, scale);
    const out = path.join(work, `sim-${p.seed}`);
    const dataDir = path.join(work, `db-${p.seed}`);
    rmSync(out, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    const truth = await simulate({ out, ...p });
    cpSync(template, dataDir, { recursive: true });
    const store = await DuckDBStore.open({ dataDir });
    try {
      await ingestPaths([out], { store, sensor: 'sim', tmpDir: path.join(dataDir, 'tmp') });
      const t0 = performance.now();
      const run = await runDetectors({ store, internal: truth.network.internal });
      const seconds = (performance.now() - t0) / 1000;
      const b = await baselineFindings(store, truth.network.internal);
      const so = scoreSimulation(run.findings, truth);
      const sb = scoreSimulation(b, truth);
      ours.push(so);
      base.push(sb);
      jitterRows.push({ jitter: p.jitter, ours: so, base: sb });
      lines.push(
        `| ${p.seed} | ${p.scenario} | ${p.hosts} × ${p.days} | ${p.jitter} | ${p.interval} s | ${p.sleep} | ${p.c2Proto} | ${pct(so.hostsFound, so.infectedHosts)} | ${pct(so.c2Found, so.c2Servers)} | ${pct(so.trueFindings, so.trueFindings + so.falseFindings)} | ${so.falseFindings} | ${so.falseHigh} | ${pct(sb.hostsFound, sb.infectedHosts)} | ${pct(sb.trueFindings, sb.trueFindings + sb.falseFindings)} | ${sb.falseHigh} | ${seconds.toFixed(1)} |`,
      );
      if (so.falseExamples.length > 0)
        process.stderr.write(`seed ${p.seed} false: ${so.falseExamples.join('; ')}\n`);
    } finally {
      await store.close();
      rmSync(out, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const hostDays = sum(ours, 'backgroundHostDays');
  const row = (name: string, s: SimScore[]) => {
    const t = sum(s, 'trueFindings');
    const f = sum(s, 'falseFindings');
    return {
      name,
      hostRecall: sum(s, 'hostsFound') / Math.max(1, sum(s, 'infectedHosts')),
      c2Recall: sum(s, 'c2Found') / Math.max(1, sum(s, 'c2Servers')),
      precision: t + f === 0 ? 1 : t / (t + f),
      highPer1000: (sum(s, 'falseHigh') / Math.max(1, hostDays)) * 1000,
    };
  };
  const o = row('mamori', ours);
  const b = row('RITA-style baseline', base);
  const jitterRecall = (rows: typeof jitterRows, pick: 'ours' | 'base', lo: number, hi: number) => {
    const r = rows.filter((x) => x.jitter >= lo && x.jitter <= hi).map((x) => x[pick]);
    return pct(sum(r, 'hostsFound'), sum(r, 'infectedHosts'));
  };
  lines.push('');
  lines.push(`All ${n} seeds together (${Math.round(hostDays).toLocaleString('en')} background host-days):`);
  lines.push('');
  lines.push(
    '| scorer | infected-host recall | C2-server recall | precision (≥ 0.5) | high-severity false findings per 1,000 host-days | host recall, jitter ≤ 0.15 | host recall, jitter ≥ 0.35 |',
  );
  lines.push('|---|---|---|---|---|---|---|');
  for (const [r, pick] of [
    [o, 'ours'],
    [b, 'base'],
  ] as const)
    lines.push(
      `| ${r.name} | ${r.hostRecall.toFixed(3)} | ${r.c2Recall.toFixed(3)} | ${r.precision.toFixed(3)} | ${r.highPer1000.toFixed(2)} | ${jitterRecall(jitterRows, pick, 0, 0.15)} | ${jitterRecall(jitterRows, pick, 0.35, 0.5)} |`,
    );
  lines.push('| target | ≥ 0.95 | ≥ 0.95 | ≥ 0.9 | < 1 | | |');
  lines.push('');
  return o.hostRecall >= 0.95 && o.c2Recall >= 0.95 && o.precision >= 0.9 && o.highPer1000 < 1;
}

export function ensureDir(dir: string): string {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  return dir;
}
