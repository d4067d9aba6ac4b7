import { expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import {
  countDataLines,
  countTarget,
  engines,
  expectedZeekCounts,
  listFiles,
  openTempStore,
  rowsFromFile,
} from './ingest-helpers.js';

// RITA's open-connections fixtures: the same sessions logged while open and later as closed. The
// files begin alike (same header and first record) but are different logs, and all must be read.
describeWithSharedData('rita-open-conns', ['zeek/rita-open-conns'], () => {
  it.each(engines)('every file is read in full, open rows flagged (engine %s)', async (engine) => {
    const dir = sharedData('zeek/rita-open-conns');
    const t = await openTempStore(`open-conns-${engine}`, engine);
    try {
      const s = await t.ingest([dir]);
      expect(s.byStatus.failed).toBe(0);
      expect(s.byStatus.unchanged).toBe(0);
      expect(s.rejects).toBe(0);
      for (const file of listFiles(dir))
        expect(await rowsFromFile(t.store, file), file).toBe(countDataLines(file));
      const expected = expectedZeekCounts(dir);
      for (const [key, n] of Object.entries(expected)) expect(await countTarget(t.store, key), key).toBe(n);
      expect(expected['conn:open']).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
