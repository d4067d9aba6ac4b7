// A fresh clone has no ../shared/data and maybe no Chromium: every suite that needs them must skip
// with its reason, never crash. This runs those suites in a child vitest against an empty data
// folder, keeping only the skipped suites' tests (-t), so the child only collects: a suite that
// reads the data while being collected, or that is not skipped, shows up here.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { skipMarker } from '../helpers/skip-reasons.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const self = path.relative(repoRoot, fileURLToPath(import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'mamori-fresh-clone-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const usesData = /describeWithSharedData\(/;
const usesChromium = /describeWith(Chromium|WebUi)\(/;

function testFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

/** The suites that need the shared data or Chromium (never this file: it would run itself). */
const suites = [...testFiles('src'), ...testFiles('test')]
  .filter((f) => f !== self)
  .filter((f) => {
    const text = readFileSync(path.join(repoRoot, f), 'utf8');
    return usesData.test(text) || usesChromium.test(text);
  })
  .sort();

interface JsonReport {
  numFailedTests: number;
  numFailedTestSuites: number;
  numPassedTests: number;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { fullName: string; status: string }[];
  }[];
}

/** Runs vitest on `files` in a child with `env` over a clean environment; resolves its JSON report. */
function childVitest(
  files: readonly string[],
  env: Record<string, string>,
  extra: readonly string[] = [],
): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const out = path.join(work, `report-${Math.random().toString(36).slice(2)}.json`);
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(VITEST|CI$|MAMORI_REQUIRE_|MAMORI_SHARED_DATA$|MAMORI_CHROMIUM$|NODE_ENV$)/.test(k),
    ),
  );
  const args = [
    path.join(repoRoot, 'node_modules/vitest/vitest.mjs'),
    'run',
    // One module graph per worker: the child only collects, and imports are most of its time.
    '--no-isolate',
    '--reporter=json',
    `--outputFile=${out}`,
    ...extra,
    ...files,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: repoRoot, env: { ...clean, ...env }, maxBuffer: 64 << 20 },
      (err, _stdout, stderr) => {
        try {
          const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
          resolve({ code: err ? Number(err.code ?? 1) : 0, report, stderr });
        } catch (cause) {
          reject(new Error(`child vitest wrote no report: ${stderr.slice(-2000)}`, { cause }));
        }
      },
    );
  });
}

describe('a fresh clone without ../shared/data or Chromium', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'mamori-empty-shared-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));
  const env = { MAMORI_SHARED_DATA: empty, MAMORI_CHROMIUM: path.join(empty, 'no-chromium') };

  it('13.7: every suite needing the data or Chromium skips with its reason against an empty data folder', async () => {
    expect(suites.length).toBeGreaterThan(30);
    const { code, report } = await childVitest(suites, env, ['-t', 'skipped: needs']);
    const crashed = report.testResults
      .filter((r) => r.status === 'failed')
      .map((r) => `${path.relative(repoRoot, r.name)}: ${r.message.split('\n')[0]}`);
    expect(crashed).toEqual([]);
    expect(report.numFailedTests).toBe(0);
    expect(code).toBe(0);
    // Each file says why it skipped: the reason is in the name of each of its skipped suites.
    const reasons = (file: string) =>
      report.testResults
        .find((r) => path.relative(repoRoot, r.name) === file)
        ?.assertionResults.filter(
          (a) =>
            a.status === 'skipped' &&
            (a.fullName.includes(`[skipped: ${skipMarker.sharedData}`) ||
              a.fullName.includes(`[skipped: ${skipMarker.chromium}`)),
        ).length ?? 0;
    const silent = suites.filter((f) => reasons(f) === 0);
    expect(silent).toEqual([]);
  }, 300_000);

  it('13.7: with MAMORI_REQUIRE_SHARED_DATA=1 (CI) the same suite fails, naming what is missing', async () => {
    const { code, report } = await childVitest(['test/report/stix.test.ts'], {
      ...env,
      MAMORI_REQUIRE_SHARED_DATA: '1',
    });
    expect(code).toBe(1);
    const failures = report.testResults.flatMap((r) =>
      r.assertionResults.filter((a) => a.status === 'failed').map((a) => a.fullName),
    );
    expect(failures).toContain('STIX 2.1 bundle against the OASIS JSON schemas has the shared data it needs');
  }, 120_000);
});
