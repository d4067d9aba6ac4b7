import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import {
  countDataLines,
  engines,
  listFiles,
  openTempStore,
  readDecompressed,
  rejectsOf,
  tsvFields,
} from './ingest-helpers.js';

// Zeek's own btest baselines: timestamps are masked as XXXXXXXXXX.XXXXXX and the first line is a
// btest banner.
const btestDir = 'zeek/zeek-btest-baselines';
/** The Zeek TSV baselines (the others are JSON). */
const btestTsv = () => listFiles(sharedData(btestDir)).filter((f) => tsvFields(f).length > 0);

describeWithSharedData('Zeek btest baselines', () => {
  describe.each(engines)('engine %s', (engine) => {
    it('zeek-btest-baselines: a directory walk fails nothing', async () => {
      const t = await openTempStore(`btest-walk-${engine}`, engine);
      try {
        const summary = await t.ingest([sharedData(btestDir)]);
        // Every TSV baseline has only masked times: each is reported as unreadable, its lines kept as rejects.
        const failed = summary.outcomes.filter((o) => o.status === 'failed');
        expect(failed.map((o) => o.path).sort()).toEqual(btestTsv().sort());
        for (const o of failed) expect(o.message).toMatch(/none of its \d+ records could be read/);
        // The JSON baselines have neither ts nor _path: not telemetry, so skipped.
        for (const o of summary.outcomes.filter((x) => x.path.includes('ascii-json')))
          expect(o.status).toBe('skipped');
      } finally {
        await t.close();
      }
    });

    // The btest banner line ("### BTest baseline data …") before `#separator` is skipped.
    it('zeek-btest-baselines: masked timestamps become rejects naming ts', async () => {
      const t = await openTempStore(`btest-${engine}`, engine);
      try {
        for (const file of btestTsv()) {
          const [o] = (await t.ingest([file])).outcomes;
          expect(o?.status, file).toBe('failed');
          expect(o?.rows, file).toBe(0);
          const rejects = await rejectsOf(t.store, file);
          expect(rejects.length).toBe(countDataLines(file));
          for (const r of rejects) expect(r.reason).toMatch(/\bts\b/);
        }
      } finally {
        await t.close();
      }
    });

    it('zeek-btest-baselines without the banner: masked ts rows are rejected, the others kept', async () => {
      const t = await openTempStore(`btest-nobanner-${engine}`, engine);
      try {
        for (const [f, file] of btestTsv().entries()) {
          const lines = readDecompressed(file).toString('utf8').split('\n').slice(1); // drop the banner
          // Unmask every other data row: those must load, the masked ones must be rejected.
          let i = 0;
          const kept: number[] = [];
          const masked: number[] = [];
          const text = lines.map((l, n) => {
            if (l === '' || l.startsWith('#')) return l;
            if (i++ % 2 === 0) {
              masked.push(n + 1);
              return l;
            }
            kept.push(n + 1);
            // Btest runs seed Zeek's uids, so every baseline starts with the same ones: each file gets
            // times of its own, or its records would be the previous file's duplicates.
            return l.replaceAll('XXXXXXXXXX.XXXXXX', `${1700000000 + f * 100_000 + n}.000001`);
          });
          const copy = path.join(t.dir, path.basename(file));
          writeFileSync(copy, text.join('\n'));
          const [o] = (await t.ingest([copy])).outcomes;
          expect(o?.status, file).toBe('ingested');
          expect(o?.rows, file).toBe(kept.length);
          const rejects = await rejectsOf(t.store, copy);
          expect(
            rejects.map((r) => r.line),
            file,
          ).toEqual(masked);
          for (const r of rejects) expect(r.reason, file).toMatch(/\bts\b/);
        }
      } finally {
        await t.close();
      }
    });
  });
});
