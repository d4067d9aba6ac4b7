// Every GET route of apiRoutes against a real server over a hunted simulated office: called with
// parameters taken from the data, each JSON answer checked against the route's response schema;
// then paging on /findings and /rows, error bodies, and who may call what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../src/server/api/api-route.js';
import { apiRoutes } from '../../src/server/api/routes.js';
import { type ApiDataset, startApiDataset } from './api-dataset.js';

type Json = Record<string, unknown>;
let d: ApiDataset;
const get = async (path: string, user = 'adam'): Promise<Response> =>
  fetch(`${d.t.api}${path}`, { headers: { cookie: d.sessions[user]?.cookie ?? '' } });
const json = async (path: string, user = 'adam'): Promise<Json> => {
  const r = await get(path, user);
  expect(r.status, `${path}: ${r.status}`).toBe(200);
  return (await r.json()) as Json;
};
const send = (method: string, path: string, user: string, body?: unknown, csrf = true) =>
  fetch(`${d.t.api}${path}`, {
    method,
    headers: {
      cookie: d.sessions[user]?.cookie ?? '',
      ...(csrf ? { 'x-csrf-token': d.sessions[user]?.csrf ?? '' } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const items = (page: Json) => page['items'] as Json[];

/** Follows nextCursor from `first` to the end; every page's items. */
async function allPages(first: string): Promise<Json[][]> {
  const pages: Json[][] = [];
  let next: string | null = null;
  do {
    const sep = first.includes('?') ? '&' : '?';
    const page = await json(next ? `${first}${sep}cursor=${encodeURIComponent(next)}` : first);
    pages.push(items(page));
    next = page['nextCursor'] as string | null;
  } while (next && pages.length < 500);
  return pages;
}

beforeAll(async () => {
  d = await startApiDataset();
}, 120_000);
afterAll(() => d?.close());

describe('15.5: every GET route over real hunted data', () => {
  it('15.5: answers each GET route, with parameters from the data, in its response schema', async () => {
    const [incident] = items(await json('/incidents'));
    expect(incident, 'the hunt found an incident').toBeDefined();
    const id = String(incident?.['id']);
    const detail = await json(`/incidents/${id}`);
    const inc = detail['incident'] as {
      hosts: { ip: string }[];
      servers: { domains: string[]; ips: string[] }[];
    };
    const host = inc.hosts[0]?.ip as string;
    const server =
      inc.servers.find((s) => s.domains.length > 0)?.domains[0] ?? (inc.servers[0]?.ips[0] as string);
    const [finding] = items(await json(`/findings?incident=${id}&limit=1`));
    const findingId = String((finding?.['finding'] as Json | undefined)?.['id'] ?? finding?.['id']);
    const [entity] = items(await json('/intel/entities?q=panda'));
    const sup = await send('POST', '/suppressions', 'anna', {
      match: { kind: 'destination', destination: 'never-seen.example' },
      reason: 'route sweep',
    });
    expect(sup.status, await sup.clone().text()).toBe(201);
    const supId = String(((await sup.json()) as Json)['id']);
    const job = await send('POST', '/ingest', 'anna', { path: d.ingestRoot });
    expect(job.status, await job.clone().text()).toBe(202);
    const jobId = String(((await job.json()) as Json)['jobId']);
    const [me] = items(await json('/users'));
    const q = encodeURIComponent;
    const calls: Record<string, string | null> = {
      getMe: '/auth/me',
      listUsers: '/users?limit=5',
      listTokens: '/tokens',
      listOrganisations: '/organisations',
      listAudit: `/audit?actor=${q(String(me?.['name'] ?? 'anna'))}`,
      getHealth: '/health',
      getOpenApi: '/openapi.json',
      listFindings: `/findings?host=${q(host)}&severity=medium`,
      getFinding: `/findings/${findingId}`,
      listRows: `/rows?finding=${findingId}&table=conn&limit=5`,
      getHost: `/hosts/${q(host)}`,
      getEndpoint: `/endpoints/${q(server)}`,
      getPairSeries: `/pairs/series?host=${q(host)}&server=${q(server)}`,
      search: `/search?q=${q(server)}`,
      listIntelEntities: '/intel/entities?q=panda&type=intrusion-set',
      getIntelEntity: `/intel/entities/${q(String(entity?.['id']))}`,
      getIntelIndicator: `/intel/indicators/${q(d.c2Domain)}`,
      listIncidents: '/incidents?sort=bytes&order=asc&limit=10',
      getIncident: `/incidents/${id}`,
      getIncidentTimeline: `/incidents/${id}/timeline?limit=5`,
      listIncidentNotes: `/incidents/${id}/notes`,
      getIncidentHistory: `/incidents/${id}/history`,
      listSuppressions: '/suppressions?all=true',
      getSuppression: `/suppressions/${supId}`,
      listIngestJobs: '/ingest/jobs',
      getIngestJob: `/ingest/jobs/${jobId}`,
      // Raw replies, checked by their own tests (a stream never ends; reports are files).
      streamEvents: null,
      downloadIncidentReport: null,
      getSettings: '/settings',
      getStats: '/stats',
    };
    const gets = apiRoutes.filter((r) => r.method === 'GET');
    expect(
      gets.map((r) => r.operationId).filter((o) => !(o in calls)),
      'GET routes this test misses',
    ).toEqual([]);
    for (const route of gets) {
      const path = calls[route.operationId];
      if (!path) continue;
      const body = await json(path);
      const parsed = route.response.safeParse(body);
      expect(parsed.success, `${route.operationId} ${path}: ${parsed.error?.message}`).toBe(true);
    }
    const found = await json(`/search?q=${q(server)}`);
    expect(JSON.stringify(found)).toContain(server);
    expect(JSON.stringify(await json(`/intel/indicators/${q(d.c2Domain)}`))).toContain('Test Panda');
  }, 60_000);

  it('15.5: pages /findings and /rows end to end: no item lost or repeated, limit respected', async () => {
    const everyFinding = items(await json('/findings?limit=1000'));
    expect(everyFinding.length).toBeGreaterThan(2);
    const pages = await allPages('/findings?limit=2');
    expect(pages.every((p) => p.length <= 2)).toBe(true);
    const ids = pages.flat().map((f) => JSON.stringify(f));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(everyFinding.map((f) => JSON.stringify(f)).sort());

    const [incident] = items(await json('/incidents'));
    const detail = await json(`/incidents/${String(incident?.['id'])}`);
    const host = (detail['incident'] as { hosts: { ip: string }[] }).hosts[0]?.ip as string;
    const rowsPath = `/rows?host=${encodeURIComponent(host)}&table=conn`;
    const all = items(await json(`${rowsPath}&limit=1000`));
    expect(all.length).toBeGreaterThan(20);
    const rowPages = await allPages(`${rowsPath}&limit=7`);
    expect(rowPages.every((p) => p.length <= 7)).toBe(true);
    const keys = rowPages.flat().map((r) => JSON.stringify(r));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(all.length);
  }, 60_000);

  it('15.5: a forged cursor is a 400 JSON error on /incidents, /findings and /rows', async () => {
    const forged = Buffer.from('{"v":"x"}').toString('base64url');
    for (const path of [
      `/incidents?cursor=${forged}`,
      `/incidents?cursor=%25%25not-base64`,
      `/findings?cursor=${forged}`,
      `/rows?host=10.0.0.1&cursor=${forged}`,
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(((await r.json()) as { error: Json }).error['code']).toBe('bad_request');
    }
  });
});

describe('15.5: error bodies', () => {
  it('15.5: 400/401/403/404/413/415 are JSON {error:{code,message}} with stable codes', async () => {
    const expectError = async (r: Response, status: number, code: string) => {
      expect(r.status).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(0);
    };
    await expectError(await get('/incidents?limit=0'), 400, 'bad_request');
    await expectError(await fetch(`${d.t.api}/incidents`), 401, 'unauthorized');
    await expectError(await get('/settings', 'vera'), 403, 'forbidden');
    await expectError(await get('/incidents/INC-00000000'), 404, 'not_found');
    await expectError(await get('/findings/F-000000000000'), 404, 'not_found');
    await expectError(
      await send('POST', `/incidents/INC-00000000/notes`, 'anna', { text: 'x'.repeat(1_200_000) }),
      413,
      'payload_too_large',
    );
    const wrongType = await fetch(`${d.t.api}/suppressions`, {
      method: 'POST',
      headers: {
        cookie: d.sessions['anna']?.cookie ?? '',
        'x-csrf-token': d.sessions['anna']?.csrf ?? '',
        'content-type': 'text/plain',
      },
      body: 'hello',
    });
    await expectError(wrongType, 415, 'unsupported_media_type');
    await expectError(await get('/no-such-route'), 404, 'not_found');
  });
});

describe('15.7: roles and CSRF across routes', () => {
  const sample = (r: ApiRoute) => r.path.replace(/:([A-Za-z]+)/g, 'x1');
  it('15.7: every analyst route refuses a viewer and every admin route an analyst (403)', async () => {
    const checks: [ApiRoute, string][] = [
      ...apiRoutes.filter((r) => r.role === 'analyst').map((r) => [r, 'vera'] as [ApiRoute, string]),
      ...apiRoutes.filter((r) => r.role === 'admin').map((r) => [r, 'anna'] as [ApiRoute, string]),
    ];
    expect(checks.length).toBeGreaterThan(10);
    for (const [route, user] of checks) {
      const r = await send(route.method, sample(route), user, route.method === 'GET' ? undefined : {});
      expect(r.status, `${route.method} ${route.path} as ${user}`).toBe(403);
      expect(((await r.json()) as { error: Json }).error['code']).toBe('forbidden');
    }
  });

  it('15.7: viewer routes answer every role; state-changing cookie requests need the CSRF token', async () => {
    for (const user of ['vera', 'anna', 'adam']) expect((await get('/stats', user)).status).toBe(200);
    expect((await get('/audit', 'adam')).status).toBe(200);
    for (const route of apiRoutes.filter((r) => r.method !== 'GET' && r.role !== 'public')) {
      const r = await send(route.method, sample(route), 'adam', {}, false);
      expect(r.status, `${route.method} ${route.path} without CSRF`).toBe(403);
      expect(((await r.json()) as { error: Json }).error['code']).toBe('csrf_failed');
    }
    const wrong = await fetch(`${d.t.api}/hunt`, {
      method: 'POST',
      headers: { cookie: d.sessions['adam']?.cookie ?? '', 'x-csrf-token': d.sessions['anna']?.csrf ?? '' },
    });
    expect(wrong.status).toBe(403);
  });
});
