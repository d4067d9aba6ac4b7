import pino from 'pino';

/**
 * Diagnostics on stderr, as JSON lines. Quiet unless MAMORI_LOG_LEVEL asks (debug shows why each file
 * was skipped, resumed or loaded, and by which engine); command output never goes through here.
 */
export const log = pino(
  { name: 'mamori', level: process.env['MAMORI_LOG_LEVEL'] ?? 'warn' },
  pino.destination({ dest: 2, sync: true }),
);
