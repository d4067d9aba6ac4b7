// One knowledge-base measurement in its own process (peak RSS is that run's alone), against dist/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { matchIndicators } from '../dist/detect/threat-intel/intel-match-query.js';
import { importIntelPaths } from '../dist/intel/import-paths.js';
import { DuckDBStore } from '../dist/store/duckdb/duckdb-store.js';

const [mode, dataDir, ...paths] = process.argv.slice(2);
const files = (p) => (statSync(p).isDirectory() ? readdirSync(p).map((f) => join(p, f)) : [p]);
const t0 = performance.now();
let extra = {};
if (mode === 'parse') {
  // The floor for any importer: decompress and JSON.parse every file.
  let objects = 0;
  for (const f of paths.flatMap(files)) {
    const raw = readFileSync(f);
    const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
    const j = JSON.parse(text);
    objects += (j.objects ?? j.values ?? []).length;
  }
  extra = { objects };
} else if (mode === 'import') {
  const store = await DuckDBStore.open({ dataDir });
  const s = await importIntelPaths(paths, { store });
  await store.close();
  if (s.failed > 0)
    throw new Error(JSON.stringify(s.outcomes.find((o) => o.status === 'failed')?.error?.message));
  extra = { files: s.imported };
} else if (mode === 'prepare-match') {
  const [iocs, connRows] = paths;
  const store = await DuckDBStore.open({ dataDir });
  const n = Number(connRows);
  // Names come from a pool of 20,000 sites, as real DNS repeats itself: ~300,000 distinct names.
  const ts = `TIMESTAMP '2024-04-01' + to_seconds(i::BIGINT % 604800)`;
  await store.query(
    `INSERT INTO conn (ts, uid, orig_h, orig_p, resp_h, resp_p, proto, orig_bytes, resp_bytes)
     SELECT ${ts}, 'C' || i, '10.1.' || (i % 200) || '.' || (i % 251), 40000 + i % 20000,
            '198.' || (18 + i % 2) || '.' || ((i * 7) % 256) || '.' || ((i * 13) % 256), 443, 'tcp', i % 5000, i % 9000
     FROM range(${n}) t(i)`,
  );
  await store.query(
    `INSERT INTO dns (ts, uid, orig_h, resp_h, query, answers)
     SELECT ${ts}, 'D' || i, '10.1.' || (i % 200) || '.' || (i % 251), '10.1.0.1',
            'h' || (i % 7) || '.site' || ((i * 31) % 20000) || '.com', ['198.18.' || (i % 256) || '.' || ((i * 3) % 256)]
     FROM range(${Math.floor(n / 5)}) t(i)`,
  );
  await store.query(
    `INSERT INTO ssl (ts, uid, orig_h, resp_h, resp_p, server_name)
     SELECT ${ts}, 'S' || i, '10.1.' || (i % 200) || '.' || (i % 251), '198.19.' || (i % 256) || '.1', 443,
            'www.site' || ((i * 17) % 20000) || '.com'
     FROM range(${Math.floor(n / 10)}) t(i)`,
  );
  await store.query(
    `INSERT INTO http (ts, uid, orig_h, resp_h, resp_p, host, uri)
     SELECT ${ts}, 'H' || i, '10.1.' || (i % 200) || '.' || (i % 251), '198.18.' || (i % 256) || '.2', 80,
            'cdn' || (i % 13) || '.site' || ((i * 29) % 20000) || '.com', '/p/' || (i % 1000)
     FROM range(${Math.floor(n / 10)}) t(i)`,
  );
  // As if one ingest batch had written it: the dictionaries of seen addresses and names are built the
  // way ingest builds them at commit, and timed apart.
  for (const t of ['conn', 'dns', 'ssl', 'http']) await store.query(`UPDATE ${t} SET batch_id = 1`);
  await store.query(
    `INSERT INTO ingest_batches (batch_id, sensor, engine, source_file) VALUES (1, 'bench', 'zeek', 'synthetic')`,
  );
  const td = performance.now();
  await matchIndicators(store, { sources: ['(none)'] });
  const dictionarySeconds = (performance.now() - td) / 1000;
  const s = await importIntelPaths([iocs], { store, defaults: { actor: 'Bench Actor' } });
  if (s.failed > 0) throw new Error('IOC import failed');
  extra = { indicators: s.outcomes[0]?.counts?.indicators, importSeconds: s.seconds, dictionarySeconds };
  await store.close();
} else if (mode === 'match') {
  const store = await DuckDBStore.open({ dataDir });
  const t = performance.now();
  const m = await matchIndicators(store, { limit: 10_000_000 });
  extra = {
    matches: m.length,
    hits: m.reduce((a, x) => a + x.count, 0),
    matchSeconds: (performance.now() - t) / 1000,
  };
  await store.close();
} else if (mode === 'join-rows') {
  // The same plain joins, returning what a hunter needs: matches grouped per indicator and host pair.
  const store = await DuckDBStore.open({ dataDir });
  const t = performance.now();
  const part = (table, col) =>
    `SELECT i.key, '${table}.${col}' AS field, t.${col} AS observed, t.orig_h, t.resp_h, t.ts, t.uid
     FROM ${table} t JOIN intel_indicators i ON t.${col} = i.value`;
  // Returned as one JSON text, the same way mamori returns its matches.
  const [row] = await store.query(
    `SELECT coalesce(to_json(list([key, field, observed, orig_h, resp_h, n::VARCHAR, first, last, uid]))::VARCHAR, '[]') AS j
     FROM (SELECT key, field, observed, orig_h, resp_h, count(*) AS n, min(ts)::VARCHAR AS first,
                  max(ts)::VARCHAR AS last, min(uid) AS uid
           FROM (${[part('conn', 'resp_h'), part('dns', 'query'), part('ssl', 'server_name'), part('http', 'host')].join(' UNION ALL ')})
           GROUP BY ALL)`,
  );
  const r = JSON.parse(String(row?.j)).map((x) => ({ n: x[5] }));
  extra = {
    hits: r.reduce((a, x) => a + Number(x.n), 0),
    matches: r.length,
    matchSeconds: (performance.now() - t) / 1000,
  };
  await store.close();
} else if (mode === 'join') {
  // The baseline: DuckDB's own hash join of each telemetry field against the indicator values.
  const store = await DuckDBStore.open({ dataDir });
  const t = performance.now();
  const r = await store.query(
    `SELECT (SELECT count(*) FROM conn c JOIN intel_indicators i ON c.resp_h = i.value)
          + (SELECT count(*) FROM dns d JOIN intel_indicators i ON d.query = i.value)
          + (SELECT count(*) FROM ssl s JOIN intel_indicators i ON s.server_name = i.value)
          + (SELECT count(*) FROM http h JOIN intel_indicators i ON h.host = i.value) AS n`,
  );
  extra = { hits: Number(r[0]?.n), matchSeconds: (performance.now() - t) / 1000 };
  await store.close();
}
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra }));
