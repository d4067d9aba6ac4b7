import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { skipSummary } from './skip-summary-reporter.js';

// Just what skipSummary reads of a module: its path and its suites' names.
function fakeModule(id: string, names: string[]): Pick<TestModule, 'relativeModuleId' | 'children'> {
  return {
    relativeModuleId: id,
    children: {
      *allSuites() {
        for (const name of names) yield { name };
      },
    },
  } as unknown as Pick<TestModule, 'relativeModuleId' | 'children'>;
}

describe('skipSummary', () => {
  it('13.7: counts the suites skipped for want of ../shared/data and Chromium, and says how to run them', () => {
    const lines = skipSummary([
      fakeModule('a.test.ts', ['x [skipped: needs ../shared/data: SOURCES.md not in /e]', 'plain']),
      fakeModule('b.test.ts', [
        'y [skipped: needs ../shared/data: SOURCES.md not in /e]',
        'z [skipped: needs ../shared/data: SOURCES.md not in /e]',
      ]),
      fakeModule('c.test.ts', ['html [skipped: needs Chromium: /usr/bin/chromium not found]']),
    ]);
    expect(lines).toEqual([
      'skipped: 3 suites in 2 files need ../shared/data (set MAMORI_SHARED_DATA to a copy of ../shared/data to run them)',
      'skipped: 1 suite in 1 file needs Chromium (install Chromium, or set MAMORI_CHROMIUM to it, to run them)',
    ]);
  });

  it('13.7: says nothing when nothing was skipped', () => {
    expect(skipSummary([fakeModule('a.test.ts', ['plain'])])).toEqual([]);
  });
});
