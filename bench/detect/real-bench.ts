// The real-data half of `npm run bench:detect`: each labelled capture of SOURCES.md §6, ingested
// into a fresh store, detected with the documented internal networks, scored against its truth.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { evaluateStore } from './evaluate-store.js';
import { realDatasets } from './real-datasets.js';

const rank = (r: number | null) => (r === null ? 'not found' : String(r));

export async function realBench(shared: string, lines: string[]): Promise<boolean> {
  lines.push('### Labelled real captures');
  lines.push('');
  lines.push(
    '| dataset | internal networks | C2 rank (mamori) | top 3 | precision | findings ≥ 0.5 | C2 rank (RITA-style) | RITA-style precision | RITA-style ≥ 0.5 |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  let allTop3 = true;
  for (const d of realDatasets) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-bench-real-'));
    const store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    try {
      await ingestPaths(
        d.paths.map((p) => path.join(shared, p)),
        { store, sensor: 'bench', tmpDir: path.join(dir, 'tmp') },
      );
      const e = await evaluateStore(store, d.truth, d.internal);
      const top3 = e.ours.topHit === 1;
      allTop3 &&= top3;
      lines.push(
        `| ${d.name} | ${d.internal?.join(', ') ?? 'RFC 1918 (default)'} | ${e.ours.ranks.map(rank).join(', ')} | ${top3 ? 'yes' : '**no**'} | ${e.ours.precision.toFixed(2)} | ${e.ours.reported} | ${e.baseline.ranks.map(rank).join(', ')} | ${e.baseline.precision.toFixed(2)} | ${e.baseline.reported} |`,
      );
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  lines.push('');
  lines.push(
    'Ranks are 1-based positions of the first finding on each truth pair (a Trickbot row per infected host). Precision counts findings ≥ 0.5 on hosts outside the truth as false; other findings on an infected host are neither.',
  );
  lines.push('');
  return allTop3;
}
