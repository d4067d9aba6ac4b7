import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import {
  countDataLines,
  type Engine,
  engines,
  ingestWithBothEngines,
  openEngineStores,
  type TempStore,
} from './ingest-helpers.js';

// RITA's malformed fixtures: good rows load, bad lines go to `rejects` with 1-based line numbers,
// and both engines agree.
describeWithSharedData('bad input from the shared data set (rita-misc)', ['zeek/rita-misc'], () => {
  const misc = (rel: string) => sharedData(`zeek/rita-misc/${rel}`);
  let results: Record<Engine, TempStore>;
  beforeAll(async () => {
    results = await openEngineStores('misc');
  });
  afterAll(async () => {
    for (const e of engines) await results[e].close();
  });
  const ingestBoth = (file: string) => ingestWithBothEngines(results, file);

  it('truncated/conn.log: the cut last line is rejected with its line number', async () => {
    const file = misc('truncated/conn.log');
    const r = await ingestBoth(file);
    const lastLine = readFileSync(file, 'utf8').split('\n').length;
    expect(r.outcome.status).toBe('ingested');
    expect(r.rows).toBe(countDataLines(file) - 1);
    expect(r.rejects.map((x) => x.line)).toEqual([lastLine]);
    expect(r.rejects[0]?.reason).toMatch(/expected 21 fields/);
  });

  it('truncated/conn_json.log: the cut JSON line and the impossible port are rejected', async () => {
    const file = misc('truncated/conn_json.log');
    const r = await ingestBoth(file);
    // Line 3 has id.orig_p 93145, which is no port (the TSV reader refuses it too).
    expect(r.rows).toBe(countDataLines(file) - 2);
    expect(r.rejects.map((x) => x.line)).toEqual([3, countDataLines(file)]);
    expect(r.rejects[0]?.reason).toMatch(/id\.orig_p/);
    expect(r.rejects[1]?.reason).toMatch(/not valid JSON/);
  });

  it('headerless TSV and plain text are not telemetry: skipped in a walk, failed when named', async () => {
    for (const rel of ['truncated/conn_top.log', 'text_file/conn.log']) {
      const r = await ingestBoth(misc(rel));
      expect(r.outcome.status, rel).toBe('failed');
      expect(r.outcome.message, rel).toContain('not telemetry');
      const walk = await results.native.ingest([path.dirname(misc(rel))]);
      expect(walk.outcomes.find((o) => o.path === misc(rel))?.status, rel).toBe('skipped');
    }
  });

  it('has_unknown_field/http.log: the short line is rejected, the unknown field kept in extra', async () => {
    const file = misc('has_unknown_field/http.log');
    const r = await ingestBoth(file);
    expect(r.rows).toBe(countDataLines(file) - 1);
    expect(r.rejects.map((x) => x.line)).toEqual([9]);
    expect(r.rejects[0]?.reason).toMatch(/expected 30 fields, found 29/);
    for (const e of engines) {
      const rows = await results[e].store.query(
        `SELECT DISTINCT json_extract_string(extra, '$.i_dont_exist') AS v FROM http`,
      );
      expect(rows, e).toEqual([{ v: 'bingbong' }]);
    }
  });
});
