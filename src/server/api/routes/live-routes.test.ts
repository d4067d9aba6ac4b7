import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServerContext } from '../../../../test/helpers/fake-server-context.js';
import { defaultConfig, type MamoriConfig } from '../../../config/config-schema.js';
import type { Principal, Role } from '../../../domain/identity.js';
import { huntStored } from '../../../hunt/stored-hunt.js';
import { writeDemoScenario } from '../../../sim/demo-scenario.js';
import { openStore } from '../../../store/open-store.js';
import type { Store } from '../../../store/store.js';
import { onHuntRequest } from '../../live/hunt-requests.js';
import { ApiError } from '../api-error.js';
import { type ApiRoute, isRawReply, type RawReply, type UploadedFile } from '../api-route.js';
import { apiRoutes } from '../routes.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-live-routes-'));
const dataDir = join(dir, 'data');
const root = join(dir, 'sensors');
const outside = join(dir, 'outside');
let store: Store;
let ctx: ReturnType<typeof fakeServerContext>;
const hunts: string[] = [];

const principal = (role: Role): Principal => ({
  userId: `u-${role}`,
  userName: role,
  orgId: 'o',
  role,
  via: 'session',
});

function route(method: string, path: string): ApiRoute {
  const r = apiRoutes.find((x) => x.method === method && x.path === path);
  if (!r) throw new Error(`no route ${method} ${path}`);
  return r;
}

/** Calls a handler as the core would: inputs parsed by the route's schemas, the answer checked against its response. */
async function call(
  method: string,
  path: string,
  opts: {
    role?: Role;
    params?: unknown;
    query?: unknown;
    body?: unknown;
    files?: UploadedFile[];
    signal?: AbortSignal;
  } = {},
): Promise<unknown> {
  const r = route(method, path);
  const out = await r.handler({
    params: r.params ? r.params.parse(opts.params ?? {}) : undefined,
    query: r.query ? r.query.parse(opts.query ?? {}) : undefined,
    body: r.body ? r.body.parse(opts.body) : undefined,
    principal: principal(opts.role ?? 'admin'),
    ctx,
    origin: '127.0.0.1',
    files: opts.files ?? [],
    signal: opts.signal ?? new AbortController().signal,
  } as never);
  if (!isRawReply(out)) r.response.parse(out);
  return out;
}

async function refused(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

async function jobDone(jobId: string) {
  for (let i = 0; i < 300; i++) {
    if (ctx.emitted.some((e) => e.type === 'ingest-done' && e.jobId === jobId)) break;
    await sleep(50);
  }
  return (await call('GET', '/ingest/jobs/:id', { params: { id: jobId } })) as {
    state: string;
    rows: number;
    rejects: number;
    files: { file: string; status: string; message: string | null }[];
    firstRejects: { file: string; line: number; reason: string }[];
  };
}

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeDemoScenario({ dir: join(root, 'office'), hours: 13 });
  writeFileSync(join(outside, 'secret.log'), 'not yours\n');
  symlinkSync(outside, join(root, 'escape'));
  symlinkSync(join(outside, 'secret.log'), join(root, 'office', 'zz-secret.log'));
  const base = defaultConfig();
  const config: MamoriConfig = {
    ...base,
    server: { ...base.server, ingestRoots: [root] },
    alerts: {
      ...base.alerts,
      webhooks: [
        {
          url: 'https://hooks.example.com/services/T0/B0/SECRET?token=x',
          shape: 'slack',
          headers: { authorization: 'Bearer abc' },
        },
      ],
    },
  };
  store = await openStore({ dataDir });
  ctx = fakeServerContext(store, dataDir, config);
  onHuntRequest(ctx, (reason) => hunts.push(reason));
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('live routes', () => {
  it('15.5: POST /ingest refuses paths outside server.ingestRoots: traversal, symlinks out, and any path when no roots', async () => {
    expect(
      (await refused(call('POST', '/ingest', { role: 'analyst', body: { path: `${root}/../outside` } })))
        .code,
    ).toBe('forbidden');
    expect(
      (await refused(call('POST', '/ingest', { role: 'analyst', body: { path: join(root, 'escape') } })))
        .code,
    ).toBe('forbidden');
    expect(
      (await refused(call('POST', '/ingest', { role: 'analyst', body: { path: 'sensors/office' } }))).code,
    ).toBe('bad_request');
    expect((await refused(call('POST', '/ingest', { role: 'analyst', body: {} }))).code).toBe('bad_request');
    const saved = ctx.config.server.ingestRoots;
    (ctx.config.server as { ingestRoots: string[] }).ingestRoots = [];
    try {
      expect(
        (await refused(call('POST', '/ingest', { role: 'analyst', body: { path: join(root, 'office') } })))
          .code,
      ).toBe('forbidden');
    } finally {
      (ctx.config.server as { ingestRoots: readonly string[] }).ingestRoots = saved;
    }
  });

  it('15.5: POST /ingest of a folder inside a root is a background job with progress, outcomes and a hunt request; a symlink out of the root is not read', async () => {
    const r = (await call('POST', '/ingest', {
      role: 'analyst',
      body: { path: root, sensor: 'office' },
    })) as { jobId: string };
    expect(r.jobId).toMatch(/^job-/);
    const job = await jobDone(r.jobId);
    expect(job.state).toBe('done');
    expect(job.rows).toBeGreaterThan(1000);
    expect(job.files.some((f) => f.file.startsWith(`${root}/office/`))).toBe(true);
    expect(job.files.filter((f) => f.file.includes('secret'))).toEqual([
      expect.objectContaining({
        status: 'skipped',
        message: expect.stringContaining('out of the ingest roots'),
      }),
    ]);
    expect(ctx.emitted.some((e) => e.type === 'ingest-progress' && e.jobId === r.jobId)).toBe(true);
    expect(hunts).toContain(`ingest ${r.jobId}`);
    const list = (await call('GET', '/ingest/jobs', { query: { limit: '10' } })) as {
      items: { id: string }[];
    };
    expect(list.items[0]?.id).toBe(r.jobId);
  });

  it('15.5: an uploaded file is ingested under its client name, and its first rejects carry file and line', async () => {
    const spool = join(dir, 'spool');
    mkdirSync(spool, { recursive: true });
    const file = join(spool, 'upload-1');
    writeFileSync(
      file,
      [
        '#separator \\x09',
        '#path\tconn',
        '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto',
        '#types\ttime\tstring\taddr\tport\taddr\tport\tenum',
        '1464825600.0\tCa\t10.0.0.1\t1234\t198.51.100.1\t443\ttcp',
        'garbage\tCb\tnot-an-address\tx\t198.51.100.1\t443\ttcp',
        '',
      ].join('\n'),
    );
    const r = (await call('POST', '/ingest', {
      role: 'analyst',
      files: [{ fieldName: 'files', fileName: '../../evil conn.log', path: file, bytes: 100 }],
    })) as { jobId: string };
    const job = await jobDone(r.jobId);
    expect(job.state).toBe('done');
    expect(job.rows).toBe(1);
    expect(job.rejects).toBe(1);
    expect(job.firstRejects[0]).toMatchObject({ file: '../../evil conn.log', line: 6 });
  });

  it('15.5: GET /events streams server events as SSE, filtered by job, and ends when the client goes away', async () => {
    const abort = new AbortController();
    const reply = (await call('GET', '/events', {
      query: { jobId: 'job-x' },
      signal: abort.signal,
    })) as RawReply;
    expect(reply.contentType).toMatch(/^text\/event-stream/);
    const body = reply.body as Readable;
    const chunks: string[] = [];
    body.on('data', (c: Buffer) => chunks.push(c.toString()));
    const ended = new Promise<void>((r) => body.on('end', () => r()));
    ctx.events.emit({ type: 'ingest-done', jobId: 'job-other', rows: 1, rejects: 0, error: null });
    ctx.events.emit({ type: 'ingest-done', jobId: 'job-x', rows: 2, rejects: 0, error: null });
    await sleep(20);
    abort.abort();
    await ended;
    const text = chunks.join('');
    expect(text).toContain('retry: 3000');
    expect(text).toContain('event: ingest-done\ndata: {"type":"ingest-done","jobId":"job-x","rows":2');
    expect(text).not.toContain('job-other');
  });

  it('15.5: POST /hunt asks the live loop for a hunt', async () => {
    expect(await call('POST', '/hunt', { role: 'analyst' })).toEqual({ queued: true });
    expect(hunts).toContain('asked by analyst');
  });

  it('15.5: GET /incidents/:id/report downloads every registry format, exports only for analysts and under the sharing rules', async () => {
    const result = await ctx.write('hunt', (s) => huntStored(s, ctx.config, { dataDir }));
    const id = result.incidents.find((i) => i.incident.verdict !== 'likely-benign')?.incident.id as string;
    expect(id).toBeDefined();
    const md = (await call('GET', '/incidents/:id/report', {
      role: 'viewer',
      params: { id },
      query: { format: 'md' },
    })) as RawReply;
    expect(md.headers?.['content-disposition']).toBe(`attachment; filename="${id}.md"`);
    expect(String(md.body)).toContain(id);
    expect(
      (
        await refused(
          call('GET', '/incidents/:id/report', { role: 'viewer', params: { id }, query: { format: 'json' } }),
        )
      ).code,
    ).toBe('forbidden');
    for (const format of ['html', 'json', 'stix', 'blocklist', 'blocklist-csv', 'suricata']) {
      const r = (await call('GET', '/incidents/:id/report', {
        role: 'analyst',
        params: { id },
        query: { format },
      })) as RawReply;
      expect(r.raw).toBe(true);
      expect(String(r.body).length).toBeGreaterThan(0);
    }
    // TLP:GREEN needs a true-positive triage; the API never forces it.
    expect(
      (
        await refused(
          call('GET', '/incidents/:id/report', {
            role: 'analyst',
            params: { id },
            query: { format: 'stix', tlp: 'green' },
          }),
        )
      ).code,
    ).toBe('conflict');
    expect((await refused(call('GET', '/incidents/:id/report', { params: { id: 'INC-nope' } }))).code).toBe(
      'not_found',
    );
  });

  it('15.5: GET /settings redacts webhook secrets and lists alert targets and intel', async () => {
    const s = (await call('GET', '/settings')) as {
      config: MamoriConfig;
      alertTargets: { kind: string; target: string }[];
    };
    const text = JSON.stringify(s);
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('Bearer abc');
    expect(s.config.alerts.webhooks[0]?.url).toBe('https://hooks.example.com/…');
    expect(s.alertTargets.map((t) => t.kind)).toEqual(['webhook-slack', 'dead-letter']);
  });

  it('15.3: GET /stats, and POST /store/snapshot gives a copy that opens read-only and is reused while nothing is written', async () => {
    const stats = (await call('GET', '/stats', { role: 'viewer' })) as {
      tables: { table: string; rows: number }[];
    };
    expect(stats.tables.find((t) => t.table === 'conn')?.rows).toBeGreaterThan(0);
    const a = (await call('POST', '/store/snapshot')) as {
      dataDir: string;
      generation: string;
      reused: boolean;
    };
    const b = (await call('POST', '/store/snapshot')) as { generation: string; reused: boolean };
    expect(b.generation).toBe(a.generation);
    expect(b.reused).toBe(true);
    const copy = await openStore({ dataDir: a.dataDir, readOnly: true });
    try {
      expect((await copy.tableRows())['conn']).toBe(stats.tables.find((t) => t.table === 'conn')?.rows);
    } finally {
      await copy.close();
    }
  });
});
