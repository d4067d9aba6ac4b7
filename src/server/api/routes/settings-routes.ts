import { z } from 'zod';
import type { MamoriConfig } from '../../../config/config-schema.js';
import { warninglistStatus } from '../../../intel/warninglists/warninglist-status.js';
import { deadLetterPath } from '../../alerts/alert-dispatcher.js';
import { redactUrl } from '../../alerts/redact-url.js';
import { apiRoute } from '../api-route.js';

const redacted = '(redacted)';

/** The config as GET /settings shows it: webhook URLs cut to their origin, header values hidden. */
export function redactConfig(config: MamoriConfig): MamoriConfig {
  return {
    ...config,
    alerts: {
      ...config.alerts,
      webhooks: config.alerts.webhooks.map((w) => ({
        ...w,
        url: redactUrl(w.url),
        headers: Object.fromEntries(Object.keys(w.headers).map((k) => [k, redacted])),
      })),
    },
  };
}

/** Where alerts go, one line each, as the settings page lists them. */
export function alertTargetList(config: MamoriConfig, dataDir: string): { kind: string; target: string }[] {
  const a = config.alerts;
  return [
    ...(a.jsonlFile ? [{ kind: 'jsonl', target: a.jsonlFile }] : []),
    ...(a.syslogHost
      ? [{ kind: `syslog-${a.syslogProtocol}`, target: `${a.syslogHost}:${a.syslogPort}` }]
      : []),
    ...a.webhooks.map((w) => ({ kind: `webhook-${w.shape}`, target: redactUrl(w.url) })),
    { kind: 'dead-letter', target: deadLetterPath(a, dataDir) },
  ];
}

/** The body of GET /settings. */
export const settingsBody = z
  .object({
    config: z.record(z.string(), z.unknown()).describe('the effective config, secrets redacted'),
    internalNetworks: z.array(z.string()),
    alertTargets: z.array(z.object({ kind: z.string(), target: z.string() })),
    intelSources: z.array(
      z.object({
        source: z.string(),
        kind: z.string(),
        importedAt: z.string(),
        indicators: z.number(),
        entities: z.number(),
      }),
    ),
    warninglists: z.object({
      lists: z.array(z.object({ name: z.string(), entries: z.number() })),
      asOf: z.string().nullable(),
      ageDays: z.number().nullable(),
      snapshotDate: z.string().nullable(),
    }),
    follow: z.array(z.string()),
    ingestRoots: z.array(z.string()),
  })
  .meta({ id: 'Settings' });

/** GET /settings. */
export const settingsRoutes = [
  apiRoute({
    method: 'GET',
    path: '/settings',
    operationId: 'getSettings',
    summary:
      'The effective config (secrets redacted), internal networks, intel sources, warninglists and alert targets',
    tags: ['settings'],
    role: 'admin',
    response: settingsBody,
    async handler({ ctx }) {
      const { stats, origins } = await ctx.read(async (store) => ({
        stats: await store.intel.stats(),
        origins: await store.intel.warninglistOrigins(),
      }));
      const wl = warninglistStatus(origins);
      return {
        config: redactConfig(ctx.config) as unknown as Record<string, unknown>,
        internalNetworks: [...ctx.config.network.internal],
        alertTargets: alertTargetList(ctx.config, ctx.dataDir),
        intelSources: stats.sources.map((s) => ({ ...s })),
        warninglists: {
          lists: stats.warninglists.map((w) => ({ ...w })),
          asOf: wl.asOf,
          ageDays: wl.ageDays,
          snapshotDate: wl.snapshot?.date ?? null,
        },
        follow: [...ctx.config.live.follow],
        ingestRoots: [...ctx.config.server.ingestRoots],
      };
    },
  }),
];
