import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { skipMarker, skippedSuffix } from './skip-reasons.js';

/**
 * The browser the tests drive: Debian's and CI's Chromium (`apt-get install -y chromium`), or
 * MAMORI_CHROMIUM, which lets a test (and a user with Chromium elsewhere) choose another.
 */
export const chromiumPath = process.env.MAMORI_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless Chromium that fetches nothing in the background. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/**
 * A describe block that needs Chromium: skipped with a printed reason when it is missing, unless
 * MAMORI_REQUIRE_CHROMIUM=1 (CI), where the missing browser is a failure.
 */
export function describeWithChromium(name: string, fn: () => void): void {
  const reason = `${skipMarker.chromium}: ${chromiumPath} not found (install Chromium with apt-get install -y chromium, or set MAMORI_CHROMIUM to it)`;
  if (existsSync(chromiumPath)) {
    describe(name, fn);
    return;
  }
  if (process.env.MAMORI_REQUIRE_CHROMIUM === '1') {
    describe(name, () => {
      it('has Chromium', () => {
        throw new Error(`MAMORI_REQUIRE_CHROMIUM=1 but ${reason}`);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${reason}`);
  describe.skip(`${name}${skippedSuffix(reason)}`, fn);
}

/** The built UI the server serves (`npm run build` or `npm run build:web` writes it). */
export const webIndexPath = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));

/**
 * A describe block that drives the built UI in Chromium: as describeWithChromium, and also skipped
 * with a printed reason when dist/web is not built, unless MAMORI_REQUIRE_CHROMIUM=1, where that
 * is a failure too.
 */
export function describeWithWebUi(name: string, fn: () => void): void {
  if (existsSync(webIndexPath) || !existsSync(chromiumPath)) {
    describeWithChromium(name, fn);
    return;
  }
  const reason = `${skipMarker.webUi}: ${webIndexPath} not found (run npm run build)`;
  if (process.env.MAMORI_REQUIRE_CHROMIUM === '1') {
    describe(name, () => {
      it('has the built web UI', () => {
        throw new Error(`MAMORI_REQUIRE_CHROMIUM=1 but ${reason}`);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${reason}`);
  describe.skip(`${name}${skippedSuffix(reason)}`, fn);
}
