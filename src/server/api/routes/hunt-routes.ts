import { z } from 'zod';
import { importIntelPaths } from '../../../intel/import-paths.js';
import { tlpLevels } from '../../../intel/model.js';
import { resolveIngestPath } from '../../live/ingest-path.js';
import { type TakenUploads, takeUploads } from '../../live/take-uploads.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';

const intelImportResult = z
  .object({
    imported: z.number(),
    failed: z.number(),
    files: z.array(
      z.object({
        file: z.string(),
        status: z.enum(['imported', 'failed']),
        format: z.string().nullable(),
        source: z.string().nullable(),
        problems: z.number(),
        error: z.string().nullable(),
      }),
    ),
    huntRequested: z.boolean(),
  })
  .meta({ id: 'IntelImportResult' });

/** POST /hunt and POST /intel/import. */
export const huntRoutes = [
  apiRoute({
    method: 'POST',
    path: '/hunt',
    operationId: 'requestHunt',
    summary:
      'Hunt the stored telemetry now (after the hunt in progress, if any); watch GET /events for hunt-done',
    tags: ['live'],
    role: 'analyst',
    response: z.object({ queued: z.literal(true) }),
    status: 202,
    async handler({ ctx, principal, origin }) {
      ctx.requestHunt(`asked by ${principal.userName}`);
      await ctx.audit(principal, { action: 'hunt.request', target: 'store', detail: {} }, origin);
      return { queued: true as const };
    },
  }),
  apiRoute({
    method: 'POST',
    path: '/intel/import',
    operationId: 'importIntel',
    summary:
      'Import intel (uploaded `files`, or a path inside server.ingestRoots); then hunt again when live.rehuntOnIntel',
    tags: ['intel'],
    role: 'analyst',
    upload: true,
    body: z
      .object({
        path: z.string().min(1).max(4096).optional(),
        source: z.string().min(1).max(200).optional().describe('source label (default: the file name)'),
        tlp: z.enum(tlpLevels).optional(),
      })
      .optional(),
    response: intelImportResult,
    async handler({ ctx, body, files, principal, origin }) {
      const uploads = files.filter((f) => f.fieldName === 'files');
      if (uploads.length > 0 && body?.path)
        throw new ApiError('badRequest', 'give either uploaded files or a path, not both', 'body.path');
      let paths: string[];
      let names: Map<string, string>;
      let taken: TakenUploads | null = null;
      if (uploads.length > 0) {
        taken = takeUploads(ctx.dataDir, uploads);
        paths = taken.inputs.map((i) => i.path);
        names = new Map(taken.inputs.map((i) => [i.path, i.name]));
      } else if (body?.path) {
        const real = resolveIngestPath(body.path, ctx.config.server.ingestRoots);
        paths = [real];
        names = new Map([[real, body.path]]);
      } else {
        throw new ApiError(
          'badRequest',
          'upload files in the multipart field `files`, or give a path',
          'body.path',
        );
      }
      try {
        const single = uploads.length === 1 ? uploads[0]?.fileName : undefined;
        const summary = await ctx.write('intel import', (store) =>
          importIntelPaths(paths, {
            store,
            defaults: { source: body?.source ?? single, tlp: body?.tlp },
            exclude: [ctx.dataDir],
          }),
        );
        const huntRequested = summary.imported > 0 && ctx.config.live.rehuntOnIntel;
        if (huntRequested) ctx.requestHunt('intel import');
        await ctx.audit(
          principal,
          {
            action: 'intel.import',
            target: body?.source ?? single ?? body?.path ?? 'upload',
            detail: { imported: summary.imported, failed: summary.failed },
          },
          origin,
        );
        return {
          imported: summary.imported,
          failed: summary.failed,
          files: summary.outcomes.map((o) => ({
            file: names.get(o.path) ?? o.path,
            status: o.status,
            format: o.format,
            source: o.source,
            problems: o.problemCount,
            error: o.error?.message ?? null,
          })),
          huntRequested,
        };
      } finally {
        taken?.remove();
      }
    },
  }),
];
