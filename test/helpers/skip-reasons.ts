/**
 * How a skipped suite says why, at the start of its `[skipped: …]` name suffix: the skip-summary
 * reporter counts suites by these.
 */
export const skipMarker = {
  sharedData: 'needs ../shared/data',
  chromium: 'needs Chromium',
  webUi: 'needs the built web UI',
} as const;

/** The suffix a skipped suite's name carries. */
export const skippedSuffix = (reason: string): string => ` [skipped: ${reason}]`;
