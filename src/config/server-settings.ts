import { z } from 'zod';
import { amountSetting, countSetting, settingsGroup } from '../domain/setting-fields.js';

/**
 * `mamori serve`: where it listens, how it authenticates and what it may read from disk. Lives in
 * config/ (below server/) because the config composes every slice.
 */
export const serverSettings = settingsGroup('The team server (mamori serve).', {
  host: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe(
      'Address to listen on (--host). Anything but loopback needs a user to exist (mamori users add), or the server refuses to start.',
    ),
  port: countSetting(8080, 'TCP port (--port); 0 picks a free one.', 0),
  tlsCert: z
    .string()
    .min(1)
    .optional()
    .describe('PEM certificate file; with tlsKey, the server speaks HTTPS and cookies are Secure.'),
  tlsKey: z.string().min(1).optional().describe('PEM private key file for tlsCert.'),
  sessionHours: amountSetting(12, 'A browser session lasts this many hours after login.'),
  loginAttemptsPerMinute: countSetting(
    5,
    'Failed logins allowed per client address and minute before 429.',
    1,
  ),
  bodyLimitKb: countSetting(1024, 'Largest JSON request body, in KiB.', 1),
  uploadLimitMb: countSetting(1024, 'Largest uploaded log file, in MiB.', 1),
  ingestRoots: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Folders the server may ingest from by path (POST /api/v1/ingest with a path). Empty: uploads only. Paths are resolved and must stay inside one of these.',
    ),
});

/** The live loop: which logs `serve` follows and when it hunts again. */
export const liveSettings = settingsGroup('Live hunting in mamori serve.', {
  follow: z
    .array(z.string().min(1))
    .default([])
    .describe('Zeek or Suricata log folders or files to follow (--follow adds to these).'),
  pollSeconds: amountSetting(2, 'How often followed logs are checked for new lines.'),
  settleSeconds: amountSetting(
    5,
    'After new rows arrive, wait this long for more before hunting again (one hunt per burst).',
  ),
  huntEveryMinutes: amountSetting(
    0,
    'Also hunt on this schedule, in minutes; 0 only after new data or intel.',
  ),
  rehuntOnIntel: z
    .boolean()
    .default(true)
    .describe('Hunt stored telemetry again when new intel is imported.'),
});

const severity = z.enum(['low', 'medium', 'high', 'critical']);

/** Alerts out: new incidents, and incidents that rose in severity, to files, syslog and webhooks. */
export const alertSettings = settingsGroup('Alerts on new or more severe incidents.', {
  minSeverity: severity.default('medium').describe('Only incidents at or above this severity alert.'),
  includeLikelyBenign: z.boolean().default(false).describe('Alert on likely-benign look-alikes too.'),
  jsonlFile: z.string().min(1).optional().describe('Append one JSON line per alert to this file.'),
  syslogHost: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Send each alert to this syslog server as an RFC 5424 message (TCP uses octet counting, RFC 6587).',
    ),
  syslogPort: z.int().min(1).max(65535).default(514).describe('Syslog port.'),
  syslogProtocol: z.enum(['udp', 'tcp']).default('udp').describe('Syslog transport.'),
  syslogFacility: z.int().min(0).max(23).default(4).describe('Syslog facility number (4: security/auth).'),
  webhooks: z
    .array(
      z.strictObject({
        url: z.url(),
        shape: z.enum(['generic', 'slack', 'teams']).default('generic'),
        headers: z.record(z.string(), z.string()).default({}),
      }),
    )
    .default([])
    .describe('POST each alert as JSON (generic), or as a Slack or Teams message.'),
  retries: countSetting(5, 'Attempts per target before an alert goes to the dead-letter file.', 1),
  backoffSeconds: amountSetting(2, 'First retry delay; it doubles on each attempt.'),
  deadLetterFile: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Where undeliverable alerts go, one JSON line each (default: <data>/alerts-dead-letter.jsonl).',
    ),
});
