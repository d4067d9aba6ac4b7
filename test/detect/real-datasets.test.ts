// Every labelled real capture of SOURCES.md §6 that has Zeek logs: its known C2 pairs must be among
// the top 3 findings of all detectors together, with the internal networks set as documented.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { realDatasets } from '../../bench/detect/real-datasets.js';
import { scoreAgainstTruth } from '../../src/detect/evaluation/ground-truth.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

describeWithSharedData('detection on labelled real captures', () => {
  for (const d of realDatasets)
    it(`${d.name}: the known C2 is in the top 3 (${d.why})`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-real-'));
      const store = await DuckDBStore.open({ dataDir: path.join(dir, 'data') });
      try {
        await ingestPaths(
          d.paths.map((p) => sharedData(p)),
          { store, sensor: 'real', tmpDir: path.join(dir, 'tmp') },
        );
        const run = await runDetectors({ store, internal: d.internal });
        const score = scoreAgainstTruth(run.findings, d.truth);
        const top = run.findings
          .slice(0, 5)
          .map((f) => `${f.score} ${f.detector} ${f.host} → ${f.endpointIp ?? f.endpointDomain}`);
        expect(
          score.ranks.every((r) => r !== null && r <= 3),
          top.join('\n'),
        ).toBe(true);
        expect(run.findings[0]?.explanation.length).toBeGreaterThan(20);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
});
