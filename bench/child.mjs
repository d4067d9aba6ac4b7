// One measured run in its own process, so peak RSS belongs to that run alone. It runs the compiled
// package (dist/), as users do; `npm run bench` builds it first.
import { createReadStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestPaths } from '../dist/ingest/ingest-paths.js';
import { DuckDBStore, duckdbFileName } from '../dist/store/duckdb/duckdb-store.js';

const [mode, input, dataDir, columnsJson] = process.argv.slice(2);
mkdirSync(dataDir, { recursive: true });
const t0 = performance.now();
let rows = 0;
if (mode === 'gunzip') {
  // The cost of inflating the input and nothing else: what a reader without limits pays at least.
  for await (const chunk of createReadStream(input).pipe(createGunzip({ chunkSize: 1 << 20 })))
    rows += chunk.length;
} else if (mode === 'duckdb-read_csv' || mode === 'duckdb-read_json') {
  const inst = await DuckDBInstance.create(join(dataDir, duckdbFileName));
  const c = await inst.connect();
  const sql =
    mode === 'duckdb-read_csv'
      ? `CREATE TABLE conn AS SELECT * FROM read_csv($p, delim = '\t', header = false, skip = 8, nullstr = '-', quote = '', escape = '', auto_detect = false, columns = ${columnsJson}, ignore_errors = true)`
      : `CREATE TABLE conn AS SELECT * FROM read_json($p, format = 'newline_delimited')`;
  await c.run(sql, { p: input });
  const n = await c.runAndReadAll('SELECT count(*)::BIGINT AS n FROM conn');
  rows = Number(n.getRowObjectsJson()[0]?.n);
  await c.run('CHECKPOINT');
  c.closeSync();
  inst.closeSync();
} else {
  const store = await DuckDBStore.open({ dataDir });
  const s = await ingestPaths([input], {
    store,
    sensor: 'bench',
    tmpDir: join(dataDir, 'tmp'),
    engine: mode === 'mamori-js' ? 'js' : 'auto',
  });
  rows = s.rows;
  await store.close();
  if (mode === 'mamori-refuse') {
    // A refused file must fail on its own and leave nothing behind in the data directory's tmp/.
    const tmp = join(dataDir, 'tmp');
    const left = existsSync(tmp) ? readdirSync(tmp) : [];
    if (s.byStatus.failed !== 1 || rows !== 0 || left.length > 0) {
      throw new Error(`bomb not refused cleanly: ${JSON.stringify({ byStatus: s.byStatus, rows, left })}`);
    }
  } else if (s.byStatus.failed > 0) {
    throw new Error(`ingest failed: ${JSON.stringify(s.outcomes.find((o) => o.status === 'failed'))}`);
  }
}
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
