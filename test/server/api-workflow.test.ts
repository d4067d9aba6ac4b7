// The analyst's loop over HTTP on a real hunted store: triage, notes and a suppression show up in
// the incident and the audit log; reports download in every format; ingest by upload and by path,
// watched through its job and the SSE stream.
import { readdirSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFormatNames, reportFormats } from '../../src/report/registry.js';
import { viewerReportFormats } from '../../src/server/api/routes/report-routes.js';
import { type ApiDataset, startApiDataset } from './api-dataset.js';

type Json = Record<string, unknown>;
let d: ApiDataset;
let incidentId: string;
const auth = (user: string) => ({
  cookie: d.sessions[user]?.cookie ?? '',
  'x-csrf-token': d.sessions[user]?.csrf ?? '',
});
const json = async (path: string, user = 'adam'): Promise<Json> => {
  const r = await fetch(`${d.t.api}${path}`, { headers: auth(user) });
  expect(r.status, `${path}: ${r.status}`).toBe(200);
  return (await r.json()) as Json;
};
const send = async (method: string, path: string, body: unknown, user = 'anna'): Promise<Response> =>
  fetch(`${d.t.api}${path}`, {
    method,
    headers: { ...auth(user), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  d = await startApiDataset();
  const list = await json('/incidents');
  incidentId = String((list['items'] as Json[])[0]?.['id']);
}, 120_000);
afterAll(() => d?.close());

describe('15.3: triage through HTTP', () => {
  it('15.3: a triage PATCH, a note and a suppression show in GET /incidents/:id and in GET /audit', async () => {
    const patch = await send('PATCH', `/incidents/${incidentId}/triage`, {
      status: 'investigating',
      assignee: 'anna',
      note: 'looking at the proxy logs',
    });
    expect(patch.status, await patch.clone().text()).toBe(200);
    const note = await send('POST', `/incidents/${incidentId}/notes`, { text: 'beacon every 5 min' });
    expect(note.status, await note.clone().text()).toBe(201);
    const detail = await json(`/incidents/${incidentId}`);
    const server = (detail['incident'] as { servers: { ips: string[]; domains: string[] }[] }).servers.find(
      (s) => s.domains.length > 0,
    );
    const destination = server?.domains[0] as string;
    const sup = await send('POST', `/incidents/${incidentId}/suppress`, {
      kind: 'destination',
      destination,
      reason: 'test rule',
    });
    expect(sup.status, await sup.clone().text()).toBe(201);
    const supId = String(((await sup.json()) as Json)['id']);

    const after = await json(`/incidents/${incidentId}`, 'vera');
    expect((after['triage'] as Json)['status']).toBe('investigating');
    expect((after['triage'] as Json)['assignee']).toBe('anna');
    expect((after['notes'] as Json[]).map((n) => n['text'])).toEqual(
      expect.arrayContaining(['looking at the proxy logs', 'beacon every 5 min']),
    );
    expect(JSON.stringify(after['history'])).toContain('investigating');
    const queue = await json('/incidents?status=investigating&assignee=anna', 'vera');
    expect((queue['items'] as Json[]).map((i) => i['id'])).toEqual([incidentId]);
    expect(((await json(`/suppressions/${supId}`, 'vera'))['match'] as Json)['destination']).toBe(
      destination,
    );

    const audit = await json(`/audit?target=${incidentId}&limit=100`);
    const actions = (audit['items'] as Json[]).map((a) => String(a['action']));
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.join(' ')).toMatch(/triage|mark|status/);
    expect(actions.join(' ')).toMatch(/note/);
    const all = await json('/audit?limit=200');
    const supEntry = (all['items'] as Json[]).find((a) => JSON.stringify(a).includes(supId));
    expect(supEntry?.['actor']).toBe('anna');
  });
});

describe('15.5: report downloads', () => {
  it('15.5: every report registry format downloads with its Content-Type and an attachment name', async () => {
    expect(reportFormatNames.length).toBeGreaterThan(2);
    for (const name of reportFormatNames) {
      const r = await fetch(`${d.t.api}/incidents/${incidentId}/report?format=${name}&tlp=amber`, {
        headers: auth('anna'),
      });
      expect(r.status, `${name}: ${r.status} ${r.status === 200 ? '' : await r.clone().text()}`).toBe(200);
      const format = reportFormats[name];
      expect(r.headers.get('content-type'), name).toContain(format.mediaType.split(';')[0] as string);
      expect(r.headers.get('content-disposition')).toBe(
        `attachment; filename="${incidentId}.${format.extension}"`,
      );
      expect((await r.text()).length, name).toBeGreaterThan(50);
      // A viewer reads the md and html reports; exports that leave the team (json, stix…) need an analyst.
      const asViewer = await fetch(`${d.t.api}/incidents/${incidentId}/report?format=${name}`, {
        headers: auth('vera'),
      });
      expect(asViewer.status, `${name} as a viewer`).toBe(viewerReportFormats.includes(name) ? 200 : 403);
    }
    const audit = await json('/audit?action=report.export&limit=100');
    expect((audit['items'] as Json[]).length).toBe(reportFormatNames.length - viewerReportFormats.length);
  });
});

describe('15.5: ingest over HTTP', () => {
  /** Reads the SSE stream until `stop` says so (or the time runs out); every event's data. */
  async function readEvents(res: Response, stop: (e: Json) => boolean, ms = 60_000): Promise<Json[]> {
    const events: Json[] = [];
    const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const dec = new TextDecoder();
    let buf = '';
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let end = buf.indexOf('\n\n');
      while (end >= 0) {
        const data = buf
          .slice(0, end)
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        buf = buf.slice(end + 2);
        if (data) {
          const e = JSON.parse(data) as Json;
          events.push(e);
          if (stop(e)) {
            await reader.cancel();
            return events;
          }
        }
        end = buf.indexOf('\n\n');
      }
    }
    await reader.cancel();
    return events;
  }

  async function waitDone(jobId: string): Promise<Json> {
    for (let i = 0; i < 600; i++) {
      const job = await json(`/ingest/jobs/${jobId}`, 'vera');
      if (job['state'] === 'done' || job['state'] === 'failed') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} never finished`);
  }

  it('15.5: an upload is ingested; its job reaches done and /events streams its progress and end', async () => {
    const stream = await fetch(`${d.t.api}/events`, { headers: auth('vera') });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const files = readdirSync(d.ingestRoot, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    expect(files.length).toBeGreaterThan(0);
    const form = new FormData();
    for (const f of files.slice(0, 3))
      form.append('files', new Blob([readFileSync(join(f.parentPath, f.name))]), f.name);
    const up = await fetch(`${d.t.api}/ingest`, { method: 'POST', headers: auth('anna'), body: form });
    expect(up.status, await up.clone().text()).toBe(202);
    const jobId = String(((await up.json()) as Json)['jobId']);
    const events = await readEvents(stream, (e) => e['type'] === 'ingest-done' && e['jobId'] === jobId);
    const mine = events.filter((e) => e['jobId'] === jobId).map((e) => e['type']);
    expect(mine).toContain('ingest-progress');
    expect(mine.at(-1)).toBe('ingest-done');
    const job = await waitDone(jobId);
    expect(job['state']).toBe('done');
    expect(job['source']).toBe('upload');
    expect(Number(job['rows'])).toBeGreaterThan(0);
  }, 90_000);

  it('15.5: a path inside server.ingestRoots is ingested; one outside, or climbing out, is refused', async () => {
    const link = join(d.ingestRoot, 'escape');
    symlinkSync(d.simDir, link);
    for (const path of [d.simDir, `${d.ingestRoot}/../sim`, '/etc/passwd', link]) {
      const r = await send('POST', '/ingest', { path });
      expect(r.status, path).toBe(403);
      expect(((await r.json()) as { error: Json }).error['code']).toBe('forbidden');
    }
    unlinkSync(link);
    const relative = await send('POST', '/ingest', { path: '../sim' });
    expect(relative.status).toBe(400);
    expect(((await relative.json()) as { error: Json }).error['code']).toBe('bad_request');
    const ok = await send('POST', '/ingest', { path: d.ingestRoot });
    expect(ok.status, await ok.clone().text()).toBe(202);
    const job = await waitDone(String(((await ok.json()) as Json)['jobId']));
    expect(job['state']).toBe('done');
    expect(job['source']).toBe('path');
    const jobs = await json('/ingest/jobs', 'vera');
    expect((jobs['items'] as Json[]).length).toBeGreaterThanOrEqual(1);
  }, 90_000);
});
