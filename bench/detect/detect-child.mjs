// One measured detection run in its own process, so its peak RSS is its own. Runs the compiled
// package (dist/); `npm run bench:detect` builds it first.

import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runDetectors } from '../../dist/detect/run-detectors.js';
import { DuckDBStore, duckdbFileName } from '../../dist/store/duckdb/duckdb-store.js';

const [mode, dataDir, internalJson] = process.argv.slice(2);
const internal = JSON.parse(internalJson);
const t0 = performance.now();
let findings = 0;
if (mode === 'baseline') {
  // The least any beacon analysis does: every host → server pair's start times, in DuckDB alone.
  const inst = await DuckDBInstance.create(join(dataDir, duckdbFileName), { access_mode: 'READ_ONLY' });
  const c = await inst.connect();
  const r = await c.runAndReadAll(
    `SELECT count(*)::BIGINT AS n, sum(len(t))::BIGINT AS m FROM (
       SELECT orig_h, resp_h, list(ts ORDER BY ts) AS t FROM conn GROUP BY orig_h, resp_h HAVING count(*) >= 6)`,
  );
  findings = Number(r.getRowObjectsJson()[0]?.n ?? 0);
  c.closeSync();
  inst.closeSync();
} else {
  const store = await DuckDBStore.open({ dataDir });
  const run = await runDetectors({ store, internal });
  findings = run.findings.length;
  await store.close();
}
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, findings, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
