// A detector module may be the first one loaded (a test, a bench, a tool importing one detector).
// The registry imports every detector, so no detector may load the registry while it initialises:
// the registry would then read a detector that is not there yet.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const detect = path.resolve(import.meta.dirname, '../../src/detect');
const detectorFiles = readdirSync(detect, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((e) =>
    readdirSync(path.join(detect, e.name))
      .filter((f) => f.endsWith('-detector.ts'))
      .map((f) => path.join(detect, e.name, f)),
  );

describe('14.1: every detector module can be loaded first', () => {
  it.each(detectorFiles.map((f) => [path.basename(f), f]))(
    '%s, then the registry is complete',
    async (_, file) => {
      vi.resetModules();
      await import(file);
      const { detectors } = await import('../../src/detect/registry.js');
      expect(Object.entries(detectors).filter(([, d]) => !d)).toEqual([]);
    },
  );
});
