// `npm run bench:detect`: detection quality on labelled real captures and on simulated intrusions,
// side by side with a plain RITA-style beacon score, and detection speed and memory at 1M–10M conn rows.
// Prints Markdown tables; exits non-zero when a quality target is missed.
import { resolve } from 'node:path';
import { perfBench } from './perf-bench.js';
import { realBench } from './real-bench.js';
import { ensureDir, simBench } from './sim-bench.js';
import { verdictBench } from './verdict-bench.js';

const repo = resolve(import.meta.dirname, '../..');
const shared = process.env['MAMORI_SHARED_DATA'] ?? resolve(repo, '../shared/data');
const only = process.env['MAMORI_BENCH_ONLY'];

const lines: string[] = [
  `mamori detection benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
  '',
];
let ok = true;
const work = ensureDir(resolve(repo, '.bench-data/detect'));
if (!only || only === 'real') ok = (await realBench(shared, lines)) && ok;
if (!only || only === 'sim') ok = (await simBench(shared, work, lines)) && ok;
if (!only || only === 'verdict') ok = (await verdictBench(shared, work, lines)) && ok;
if (!only || only === 'perf') ok = (await perfBench(repo, work, lines)) && ok;
console.log(lines.join('\n'));
if (!ok) process.exitCode = 1;
