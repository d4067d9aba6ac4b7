import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { messageOf } from '../../errors.js';
import { type IngestSummary, ingestPaths } from '../../ingest/ingest-paths.js';
import { findInputFiles } from '../../io/input-files.js';
import type { Store } from '../../store/store.js';
import type { ServerContext } from '../server-context.js';
import { confineToRoots } from './ingest-path.js';

/** One file of an ingest job, as the client named it. */
export interface IngestJobFile {
  readonly file: string;
  readonly status: string;
  readonly rows: number;
  readonly rejects: number;
  readonly message: string | null;
}

/** A rejected line, with where it was. */
export interface IngestJobReject {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** An ingest started through the API; kept in memory for the server's life. */
export interface IngestJob {
  readonly id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  readonly createdAt: string;
  finishedAt: string | null;
  readonly by: string;
  readonly source: 'upload' | 'path';
  readonly inputs: readonly string[];
  bytes: number;
  totalBytes: number;
  rows: number;
  rejects: number;
  files: IngestJobFile[];
  firstRejects: IngestJobReject[];
  error: string | null;
}

/** What a job reads: real paths, and how to name each to the client. */
export interface IngestInput {
  readonly path: string;
  readonly name: string;
}

const firstRejectsShown = 20;
const jobsKept = 200;
const registries = new WeakMap<object, IngestJob[]>();

/** The jobs of the server `ctx`, newest first. */
export function ingestJobs(ctx: object): IngestJob[] {
  let jobs = registries.get(ctx);
  if (!jobs) {
    jobs = [];
    registries.set(ctx, jobs);
  }
  return jobs;
}

/**
 * Starts an ingest in the background: one `ctx.write('ingest')`, progress and the end as server
 * events, then a hunt request. `cleanup` runs at the end (uploaded spool files).
 */
export function startIngestJob(
  ctx: ServerContext,
  opts: {
    readonly by: string;
    readonly source: 'upload' | 'path';
    readonly inputs: readonly IngestInput[];
    readonly sensor: string;
    /** For paths: files the walk finds must stay inside these folders. */
    readonly roots?: readonly string[];
    readonly cleanup?: () => void;
  },
): IngestJob {
  const job: IngestJob = {
    id: `job-${randomUUID()}`,
    state: 'queued',
    createdAt: new Date().toISOString(),
    finishedAt: null,
    by: opts.by,
    source: opts.source,
    inputs: opts.inputs.map((i) => i.name),
    bytes: 0,
    totalBytes: 0,
    rows: 0,
    rejects: 0,
    files: [],
    firstRejects: [],
    error: null,
  };
  const jobs = ingestJobs(ctx);
  jobs.unshift(job);
  jobs.splice(jobsKept);
  void runJob(ctx, job, opts).finally(() => opts.cleanup?.());
  return job;
}

function nameOf(inputs: readonly IngestInput[], path: string): string {
  for (const i of inputs) {
    if (path === i.path) return i.name;
    if (path.startsWith(`${i.path}/`)) return `${i.name}${path.slice(i.path.length)}`;
  }
  return path;
}

async function runJob(
  ctx: ServerContext,
  job: IngestJob,
  opts: {
    readonly inputs: readonly IngestInput[];
    readonly sensor: string;
    readonly roots?: readonly string[];
  },
): Promise<void> {
  const paths = opts.inputs.map((i) => i.path);
  try {
    const found = await findInputFiles(paths, [ctx.dataDir]);
    const files = opts.roots ? confineToRoots(found, opts.roots) : found;
    job.totalBytes = files.reduce((a, f) => a + f.size, 0);
    let done = 0;
    const summary = await ctx.write('ingest', async (store) => {
      job.state = 'running';
      const s = await ingestPaths(paths, {
        store,
        sensor: opts.sensor,
        sensorFromData: true,
        tmpDir: join(ctx.dataDir, 'tmp'),
        exclude: [ctx.dataDir],
        files,
        onProgress: (p) => {
          job.bytes = done + p.rawBytes;
          ctx.events.emit({
            type: 'ingest-progress',
            jobId: job.id,
            bytes: job.bytes,
            totalBytes: job.totalBytes,
            rows: job.rows + p.rows,
            rejects: job.rejects,
            file: nameOf(opts.inputs, p.file),
          });
        },
        onFile: (o) => {
          done += files.find((f) => f.path === o.path)?.size ?? 0;
          job.bytes = done;
          job.rows += o.rows;
          job.rejects += o.rejects;
        },
      });
      job.firstRejects = await firstRejects(store, s, opts.inputs);
      return s;
    });
    job.files = summary.outcomes.map((o) => ({
      file: nameOf(opts.inputs, o.path),
      status: o.status,
      rows: o.rows,
      rejects: o.rejects,
      message: o.message ? o.message.split(o.path).join(nameOf(opts.inputs, o.path)) : null,
    }));
    job.rows = summary.rows;
    job.rejects = summary.rejects;
    job.state = 'done';
  } catch (err) {
    job.state = 'failed';
    job.error = messageOf(err);
  }
  job.finishedAt = new Date().toISOString();
  ctx.events.emit({
    type: 'ingest-done',
    jobId: job.id,
    rows: job.rows,
    rejects: job.rejects,
    error: job.error,
  });
  if (job.rows > 0) ctx.requestHunt(`ingest ${job.id}`);
}

async function firstRejects(
  store: Store,
  s: IngestSummary,
  inputs: readonly IngestInput[],
): Promise<IngestJobReject[]> {
  const out: IngestJobReject[] = [];
  for (const o of s.outcomes) {
    if (o.rejects === 0 || out.length >= firstRejectsShown) continue;
    const rows = await store.query(
      'SELECT line, reason FROM rejects WHERE file = ? ORDER BY batch_id DESC, line LIMIT ?',
      [o.path, firstRejectsShown - out.length],
    );
    for (const r of rows)
      out.push({ file: nameOf(inputs, o.path), line: Number(r['line']), reason: String(r['reason']) });
  }
  return out;
}
