// The demo's main incident, printed from the HTML report: the bar is under 8 pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { chromiumArgs, chromiumPath, describeWithChromium } from '../helpers/chromium.js';

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree nodes). */
export function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

describeWithChromium('the demo report in print', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-print-'));
  const out = mkdtempSync(join(tmpdir(), 'mamori-print-out-'));
  const file = join(out, 'main-incident.html');
  let browser: Browser;
  beforeAll(async () => {
    // The demo as a new user runs it: the default office (300 PCs, 2 days).
    const demo = await run('demo', '--data', dir, '--no-progress', '--json');
    expect(demo.code).toBe(0);
    const { incidents } = JSON.parse(demo.out) as { incidents: { id: string; internalHosts: string[] }[] };
    const main = [...incidents].sort((a, b) => b.internalHosts.length - a.internalHosts.length)[0]!;
    expect(main.internalHosts.length).toBe(23);
    const report = await run('report', main.id, '--data', dir, '--format', 'html', '--out', file);
    expect(report.code).toBe(0);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('13.4: the demo’s main incident prints in under 8 pages on A4 and on Letter', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const pages: Record<string, number> = {};
    for (const format of ['A4', 'Letter'] as const) pages[format] = pdfPages(await page.pdf({ format }));
    console.log(`The demo's main incident prints on ${pages.A4} A4 pages, ${pages.Letter} Letter pages`);
    expect(pages.A4).toBeGreaterThan(1);
    expect(pages.A4).toBeLessThan(8);
    expect(pages.Letter).toBeLessThan(8);
    // The appendix starts on a page of its own, after the main part.
    await page.emulateMedia({ media: 'print' });
    const breakBefore = await page.evaluate(
      "getComputedStyle(document.querySelector('section.appendix')).breakBefore",
    );
    expect(breakBefore).toBe('page');
  });
});
