import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

/** Where Debian's and CI's Chromium lives (`apt-get install -y chromium`). */
export const chromiumPath = '/usr/bin/chromium';

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
  const reason = `${chromiumPath} not found; install Chromium (apt-get install -y chromium) to run "${name}"`;
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
  console.warn(`Skipping: ${reason}`);
  describe.skip(`${name} [skipped: ${reason}]`, fn);
}
