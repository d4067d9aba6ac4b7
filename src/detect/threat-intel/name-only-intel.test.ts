// Indicator matching over a knowledge base with no address indicator: the union of match queries
// then starts with a part that names no columns, which once broke every hunt ("field" not found).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../ingest/ingest-paths.js';
import { importIntelPaths } from '../../intel/import-paths.js';
import { DuckDBStore } from '../../store/duckdb/duckdb-store.js';
import { matchIndicators } from './intel-match-query.js';

describe('indicator matching with only name indicators', () => {
  let dir: string;
  let store: DuckDBStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-name-intel-'));
    store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
    mkdirSync(path.join(dir, 'zeek'));
    const dns = (uid: string, query: string) =>
      JSON.stringify({
        ts: 1600000000,
        uid,
        'id.orig_h': '10.1.0.5',
        'id.orig_p': 50000,
        'id.resp_h': '10.1.0.1',
        'id.resp_p': 53,
        proto: 'udp',
        query,
        answers: ['203.0.113.9'],
      });
    writeFileSync(
      path.join(dir, 'zeek', 'dns.log'),
      [dns('D1', 'evil-c2.example'), dns('D2', 'fine.example')].join('\n'),
    );
    await ingestPaths([path.join(dir, 'zeek')], { store, sensor: 's', tmpDir: path.join(dir, 'tmp') });
    const list = path.join(dir, 'names.txt');
    writeFileSync(list, 'evil-c2.example\n');
    await importIntelPaths([list], { store });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('15.5: a domain-only knowledge base matches its domain in DNS queries', async () => {
    const matches = await matchIndicators(store);
    expect(matches.map((m) => [m.indicatorValue, m.field, m.observed, m.origH, m.sampleUid])).toEqual([
      ['evil-c2.example', 'dns.query', 'evil-c2.example', '10.1.0.5', 'D1'],
    ]);
  });
});
