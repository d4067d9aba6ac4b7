import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CLI output is compared as plain text; colour tests turn it back on themselves.
    env: { NO_COLOR: '1' },
    // The summary names the suites skipped for want of ../shared/data or Chromium.
    reporters: ['default', './test/helpers/skip-summary-reporter.ts'],
  },
});
