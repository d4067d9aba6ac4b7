import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { skipMarker } from './skip-reasons.js';

const hints: Record<keyof typeof skipMarker, string> = {
  sharedData: 'set MAMORI_SHARED_DATA to a copy of ../shared/data to run them',
  chromium: 'install Chromium, or set MAMORI_CHROMIUM to it, to run them',
  webUi: 'run `npm run build` (dist/web) to run them',
};

/**
 * Ends `npm test` with what was skipped for want of ../shared/data or Chromium, so a fresh clone
 * says plainly which suites it did not run and how to run them.
 */
export default class SkipSummaryReporter implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines = skipSummary(testModules);
    if (lines.length === 0) return;
    const log = this.vitest?.logger;
    for (const l of lines) log ? log.log(l) : process.stdout.write(`${l}\n`);
  }
}

/** One line per skip reason: how many suites in how many files, and how to run them. */
export function skipSummary(
  testModules: ReadonlyArray<Pick<TestModule, 'relativeModuleId' | 'children'>>,
): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(skipMarker) as (keyof typeof skipMarker)[]) {
    const tag = `[skipped: ${skipMarker[key]}`;
    const files = new Set<string>();
    let suites = 0;
    for (const m of testModules)
      for (const s of m.children.allSuites())
        if (s.name.includes(tag)) {
          suites++;
          files.add(m.relativeModuleId);
        }
    const what = skipMarker[key].replace(/^needs /, '');
    const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
    if (suites > 0)
      lines.push(
        `skipped: ${count(suites, 'suite')} in ${count(files.size, 'file')} ${suites === 1 ? 'needs' : 'need'} ${what} (${hints[key]})`,
      );
  }
  return lines;
}
