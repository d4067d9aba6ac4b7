import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { htmlFormat } from '../../src/report/html/html-format.js';
import { chromiumArgs, chromiumPath, describeWithChromium } from '../helpers/chromium.js';
import { bidiStrings, hostile, hostileAttribution, hostileIncident, reportInput } from './fixtures.js';

describeWithChromium('HTML report in Chromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads with no network request, runs no attacker script, shows the strings as text, and draws the charts', async () => {
    const file = path.join(dir, 'report.html');
    writeFileSync(file, htmlFormat.render(reportInput()));
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);

      const text = (await page.textContent('body')) ?? '';
      for (const s of [hostile.domain, hostile.userAgent, hostile.uri, hostile.certSubject, hostile.actor]) {
        expect(text).toContain(s);
      }
      expect(text).toContain('line1.example\\n## injected heading\\n| x | y |');

      expect(await page.locator('svg.timeline-chart').count()).toBe(3);
      expect(await page.locator('svg.host-server-graph').count()).toBe(3);
      const graph = page.locator('svg.host-server-graph').first();
      expect((await graph.boundingBox())!.height).toBeGreaterThan(300);
      expect(await graph.locator('circle').count()).toBe(23);

      const shot = path.join(tmpdir(), 'mamori-report-screenshot.png');
      await page.screenshot({ path: shot, fullPage: true });
      const top = path.join(tmpdir(), 'mamori-report-screenshot-top.png');
      await page.screenshot({ path: top });
      console.log(`HTML report screenshots: ${shot} (full page), ${top} (first screen)`);
      expect(existsSync(shot)).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('M7 and long names: an address after a bidi override reads left to right, and a 257-character name wraps inside its table', async () => {
    const file = path.join(dir, 'bidi.html');
    const incident = hostileIncident(bidiStrings);
    writeFileSync(
      file,
      htmlFormat.render(
        reportInput({ incidents: [{ incident, attribution: hostileAttribution(bidiStrings) }] }),
      ),
    );
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Where "198" and "443" of the graph label "198.51.100.9 · 443" are drawn: left before right.
      // Runs in the page (the test's TypeScript has no DOM types, so the script is a string).
      const order = (await page.evaluate(`(() => {
        const label = [...document.querySelectorAll('svg.host-server-graph text')].find((t) =>
          t.textContent.includes('198.51.100.9 · 443'));
        const node = label && label.querySelector('tspan') && label.querySelector('tspan').firstChild;
        if (!node) return null;
        const at = (needle) => {
          const range = document.createRange();
          const i = node.textContent.indexOf(needle);
          range.setStart(node, i);
          range.setEnd(node, i + needle.length);
          return range.getBoundingClientRect().left;
        };
        return { first: at('198'), port: at('443') };
      })()`)) as { first: number; port: number } | null;
      expect(order).not.toBeNull();
      expect(order!.first).toBeLessThan(order!.port);
      // The same for an address after a right-to-left word, with no control character involved.
      const rtl = (await page.evaluate(`(() => {
        const cell = [...document.querySelectorAll('td')].find((t) => t.textContent.includes('203.0.113.79 · 443'));
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode();
        while (node && !node.textContent.includes('443')) node = walker.nextNode();
        if (!node) return null;
        const at = (needle) => {
          const range = document.createRange();
          const i = node.textContent.indexOf(needle);
          range.setStart(node, i);
          range.setEnd(node, i + needle.length);
          return range.getBoundingClientRect().left;
        };
        return { first: at('203'), port: at('443') };
      })()`)) as { first: number; port: number } | null;
      expect(rtl).not.toBeNull();
      expect(rtl!.first).toBeLessThan(rtl!.port);
      // No table is wider than its incident card, and the page does not scroll sideways.
      const overflow = await page.evaluate(`({
        page: document.documentElement.scrollWidth - window.innerWidth,
        tables: [...document.querySelectorAll('section.incident table')]
          .map((t) => t.getBoundingClientRect().right - t.closest('section').getBoundingClientRect().right)
          .filter((d) => d > 0),
      })`);
      expect(overflow).toEqual({ page: 0, tables: [] });
    } finally {
      await browser.close();
    }
  });
});
