import { z } from 'zod';
import { defaultSensor } from '../../../ingest/ingest-paths.js';
import { type IngestJob, ingestJobs, startIngestJob } from '../../live/ingest-jobs.js';
import { resolveIngestPath } from '../../live/ingest-path.js';
import { takeUploads } from '../../live/take-uploads.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import {
  decodeCursor,
  encodeCursor,
  idParam,
  isoTime,
  pageOf,
  pageQuery,
} from '../schemas/common-schemas.js';

const jobFile = z.object({
  file: z.string(),
  status: z.string(),
  rows: z.number(),
  rejects: z.number(),
  message: z.string().nullable(),
});

/** An ingest job as the API shows it. */
export const ingestJobSchema = z
  .object({
    id: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    createdAt: isoTime,
    finishedAt: isoTime.nullable(),
    by: z.string(),
    source: z.enum(['upload', 'path']),
    inputs: z.array(z.string()),
    bytes: z.number(),
    totalBytes: z.number(),
    rows: z.number(),
    rejects: z.number(),
    files: z.array(jobFile),
    firstRejects: z.array(z.object({ file: z.string(), line: z.number(), reason: z.string() })),
    error: z.string().nullable(),
  })
  .meta({ id: 'IngestJob' });

const ingestBody = z
  .object({
    path: z.string().min(1).max(4096).optional().describe('a file or folder inside server.ingestRoots'),
    sensor: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('sensor name (default: from the records, else the folder name)'),
  })
  .optional();

function jobView(j: IngestJob): z.input<typeof ingestJobSchema> {
  return { ...j, inputs: [...j.inputs], files: [...j.files], firstRejects: [...j.firstRejects] };
}

/** POST /ingest, GET /ingest/jobs, GET /ingest/jobs/:id. */
export const ingestRoutes = [
  apiRoute({
    method: 'POST',
    path: '/ingest',
    operationId: 'startIngest',
    summary: 'Ingest uploaded log files (multipart `files`), or a server-side path inside server.ingestRoots',
    tags: ['ingest'],
    role: 'analyst',
    upload: true,
    body: ingestBody,
    response: z.object({ jobId: z.string() }),
    status: 202,
    async handler({ ctx, body, files, principal, origin }) {
      const uploads = files.filter((f) => f.fieldName === 'files');
      if (uploads.length > 0 && body?.path)
        throw new ApiError('badRequest', 'give either uploaded files or a path, not both', 'body.path');
      let job: IngestJob;
      if (uploads.length > 0) {
        const taken = takeUploads(ctx.dataDir, uploads);
        job = startIngestJob(ctx, {
          by: principal.userName,
          source: 'upload',
          inputs: taken.inputs,
          sensor: body?.sensor ?? 'upload',
          cleanup: taken.remove,
        });
      } else if (body?.path) {
        const real = resolveIngestPath(body.path, ctx.config.server.ingestRoots);
        job = startIngestJob(ctx, {
          by: principal.userName,
          source: 'path',
          inputs: [{ path: real, name: body.path }],
          sensor: body.sensor ?? defaultSensor([real]),
          roots: ctx.config.server.ingestRoots,
        });
      } else {
        throw new ApiError(
          'badRequest',
          'upload files in the multipart field `files`, or give a path',
          'body.path',
        );
      }
      await ctx.audit(
        principal,
        { action: 'ingest.start', target: job.id, detail: { source: job.source, inputs: job.inputs } },
        origin,
      );
      return { jobId: job.id };
    },
  }),
  apiRoute({
    method: 'GET',
    path: '/ingest/jobs',
    operationId: 'listIngestJobs',
    summary: 'Ingest jobs of this server run, newest first',
    tags: ['ingest'],
    role: 'viewer',
    query: pageQuery,
    response: pageOf(ingestJobSchema),
    async handler({ ctx, query }) {
      const jobs = ingestJobs(ctx);
      const after = decodeCursor(query.cursor);
      const from = typeof after === 'string' ? jobs.findIndex((j) => j.id === after) + 1 : 0;
      const items = jobs.slice(from, from + query.limit);
      const last = items.at(-1);
      return {
        items: items.map(jobView),
        nextCursor: last && from + query.limit < jobs.length ? encodeCursor(last.id) : null,
      };
    },
  }),
  apiRoute({
    method: 'GET',
    path: '/ingest/jobs/:id',
    operationId: 'getIngestJob',
    summary: 'One ingest job: progress, per-file outcomes and the first rejects with file and line',
    tags: ['ingest'],
    role: 'viewer',
    params: idParam,
    response: ingestJobSchema,
    async handler({ ctx, params }) {
      const job = ingestJobs(ctx).find((j) => j.id === params.id);
      if (!job) throw new ApiError('notFound', `no ingest job ${params.id}`, 'params.id');
      return jobView(job);
    },
  }),
];
