import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportFormatNames, reportFormats } from '../../src/report/registry.js';
import { reportInput } from './fixtures.js';

// Renderers are pure: `generatedAt` is the only time they may use. Two renders of one input, with
// the system clock years apart, must give the same bytes in every format.
describe('report renderers and the clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('14.2: no report format reads the clock: the same input renders to the same bytes at any time', () => {
    const input = reportInput();
    for (const name of reportFormatNames) {
      vi.useFakeTimers();
      vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
      const before = reportFormats[name].render(input);
      vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
      const after = reportFormats[name].render(input);
      vi.useRealTimers();
      expect(after, `${name} differs when the clock moves`).toBe(before);
    }
  });
});
