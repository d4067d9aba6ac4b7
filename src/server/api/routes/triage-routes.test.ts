// The triage and suppression routes, called directly with a fake ServerContext over a real store;
// every JSON answer is checked against the route's `response` schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apt10Attribution,
  apt10Incident,
  unknownAttribution,
  unknownIncident,
} from '../../../../test/report/fixtures.js';
import type { Principal } from '../../../domain/identity.js';
import type { Incident } from '../../../domain/incident.js';
import { DuckDBStore } from '../../../store/duckdb/duckdb-store.js';
import type { ServerContext, ServerEvent } from '../../server-context.js';
import { ApiError } from '../api-error.js';
import type { ApiRoute } from '../api-route.js';
import { apiRoutes } from '../routes.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-routes-'));
let store: DuckDBStore;
const events: ServerEvent[] = [];
const hunts: string[] = [];
const principal: Principal = {
  userId: 'u1',
  userName: 'alice',
  orgId: 'o1',
  role: 'analyst',
  via: 'session',
};
const apt10 = apt10Incident();
const other = unknownIncident();

const ctx = {
  dataDir: dir,
  config: {} as ServerContext['config'],
  read: (fn) => fn(store),
  write: (_label, fn) => fn(store),
  events: { emit: (e: ServerEvent) => void events.push(e), on: () => () => {} },
  audit: async (p: Principal, e, origin) => {
    await store.identity.audit({ ...e, actor: p.userName, origin, at: new Date().toISOString() });
  },
  requestHunt: (reason: string) => void hunts.push(reason),
} as ServerContext;

const route = (id: string): ApiRoute => {
  const r = apiRoutes.find((x) => x.operationId === id);
  if (!r) throw new Error(`no route ${id}`);
  return r;
};

/** Calls a route as the server would: inputs parsed by its schemas, the answer checked against `response`. */
async function call(
  operationId: string,
  input: { params?: unknown; query?: unknown; body?: unknown } = {},
): Promise<Record<string, unknown>> {
  const r = route(operationId);
  const out = await r.handler({
    params: r.params?.parse(input.params),
    query: r.query?.parse(input.query ?? {}),
    body: r.body?.parse(input.body),
    principal,
    ctx,
    origin: '127.0.0.1',
    files: [],
    signal: new AbortController().signal,
  } as never);
  return r.response.parse(out) as Record<string, unknown>;
}

async function refused(operationId: string, input: Parameters<typeof call>[1]): Promise<ApiError> {
  const err = await call(operationId, input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

function filler(i: number): Incident {
  const ip = `10.9.${Math.floor(i / 250)}.${i % 250}`;
  return {
    ...other,
    id: `INC-${(0x10000000 + i).toString(16)}`,
    hosts: [{ ...(other.hosts[0] as Incident['hosts'][number]), ip }],
    score: 0.5 + (i % 7) / 100,
    severity: i % 2 ? 'medium' : 'high',
    summary: `filler ${i}`,
  };
}

beforeAll(async () => {
  store = await DuckDBStore.open({ dataDir: dir });
  const run = await store.saveFindings({ detectors: [] }, []);
  await store.saveIncidents(run, [
    { incident: apt10, attribution: apt10Attribution() },
    { incident: other, attribution: unknownAttribution() },
    ...Array.from({ length: 23 }, (_, i) => ({ incident: filler(i), attribution: null })),
  ]);
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('15.3 incident and suppression routes', () => {
  it('15.3: PATCH triage, notes and history: stored, audited, announced', async () => {
    const t = await call('updateIncidentTriage', {
      params: { id: other.id.toLowerCase() },
      body: { status: 'investigating', assignee: 'bob', note: 'looking' },
    });
    expect(t).toMatchObject({
      incidentId: other.id,
      status: 'investigating',
      assignee: 'bob',
      note: 'looking',
      by: 'alice',
    });
    const note = await call('addIncidentNote', {
      params: { id: other.id },
      body: { text: '<img src=x onerror=alert(1)>' },
    });
    expect(note).toMatchObject({
      incidentId: other.id,
      author: 'alice',
      text: '<img src=x onerror=alert(1)>',
    });
    const notes = await call('listIncidentNotes', { params: { id: other.id } });
    expect((notes['items'] as { text: string }[]).map((n) => n.text)).toEqual([
      'looking',
      '<img src=x onerror=alert(1)>',
    ]);
    const history = await call('getIncidentHistory', { params: { id: other.id }, query: { limit: '2' } });
    expect((history['items'] as { field: string }[]).map((h) => h.field)).toEqual(['status', 'assignee']);
    const next = await call('getIncidentHistory', {
      params: { id: other.id },
      query: { cursor: history['nextCursor'] },
    });
    expect((next['items'] as { field: string }[]).map((h) => h.field)).toEqual(['note', 'note']);
    expect(next['nextCursor']).toBeNull();
    expect(events.filter((e) => e.type === 'triage')).toHaveLength(2);
    const audit = (await store.identity.listAudit({ target: other.id })).map((a) => [
      a.action,
      a.actor,
      a.origin,
    ]);
    expect(audit.reverse()).toEqual([
      ['incident.triage', 'alice', '127.0.0.1'],
      ['incident.note', 'alice', '127.0.0.1'],
      ['incident.note', 'alice', '127.0.0.1'],
    ]);
    expect(
      (await refused('updateIncidentTriage', { params: { id: 'INC-ffffffff' }, body: { status: 'benign' } }))
        .code,
    ).toBe('not_found');
  });

  it('15.3: GET /incidents filters, sorts and pages in the store', async () => {
    const first = await call('listIncidents', { query: { limit: '10', sort: 'score', order: 'desc' } });
    const ids: string[] = (first['items'] as { id: string }[]).map((i) => i.id);
    let cursor = first['nextCursor'] as string | null;
    while (cursor) {
      const page = await call('listIncidents', {
        query: { limit: '10', sort: 'score', order: 'desc', cursor },
      });
      ids.push(...(page['items'] as { id: string }[]).map((i) => i.id));
      cursor = page['nextCursor'] as string | null;
    }
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(ids[0]).toBe(apt10.id);
    const byStatus = await call('listIncidents', { query: { status: 'investigating' } });
    expect(byStatus['items']).toMatchObject([{ id: other.id, status: 'investigating', assignee: 'bob' }]);
    const byText = await call('listIncidents', { query: { q: 'wthelpdesk' } });
    expect((byText['items'] as { id: string; topTerm: string | null }[]).map((i) => i.id)).toEqual([
      apt10.id,
    ]);
    const crit = await call('listIncidents', { query: { severity: 'critical', assignee: 'nobody' } });
    expect(crit['items']).toEqual([]);
    const asc = await call('listIncidents', { query: { sort: 'hosts', order: 'asc', limit: '1000' } });
    expect((asc['items'] as { id: string }[]).at(-1)?.id).toBe(apt10.id);
    expect((await refused('listIncidents', { query: { status: 'open' } })).field).toBe('query.status');
    expect((await refused('listIncidents', { query: { sort: 'score', cursor: 'nonsense' } })).code).toBe(
      'bad_request',
    );
  });

  it('15.3: GET /incidents/:id has notes, history, technique names and aliases, and follows aliases', async () => {
    await store.triage.alias('INC-0badf00d', apt10.id, '2026-12-07T00:00:00.000Z');
    const d = await call('getIncident', { params: { id: 'INC-0badf00d' } });
    expect((d['incident'] as Incident).id).toBe(apt10.id);
    expect(d['aliases']).toEqual(['INC-0badf00d']);
    expect((d['techniqueNames'] as Record<string, string>)['T1071']).toBeTruthy();
    expect(d['history']).toMatchObject([{ field: 'identity', from: 'INC-0badf00d', to: apt10.id }]);
    const tl = await call('getIncidentTimeline', { params: { id: apt10.id }, query: { limit: '40' } });
    expect((tl['items'] as unknown[]).length).toBe(40);
    expect(tl['nextCursor']).not.toBeNull();
    expect((await refused('getIncident', { params: { id: 'INC-ffffffff' } })).code).toBe('not_found');
  });

  it('15.3: POST /incidents/:id/suppress builds the rule from the incident, or names the choices', async () => {
    const err = await refused('suppressFromIncident', {
      params: { id: other.id },
      body: { kind: 'host-destination', reason: 'backup' },
    });
    expect(err.field).toBe('body.host');
    expect(err.message).toMatch(/172\.16\.9\.233, 172\.16\.9\.5/);
    const before = hunts.length;
    const s = await call('suppressFromIncident', {
      params: { id: other.id },
      body: {
        kind: 'host-destination',
        host: '172.16.9.5',
        reason: 'backup',
        status: 'benign',
        expiresAt: '2030-01-01T00:00:00Z',
      },
    });
    expect(s).toMatchObject({
      match: { kind: 'host-destination', host: '172.16.9.5', destination: '192.0.2.66' },
      incidentId: other.id,
      author: 'alice',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    expect(hunts.length).toBe(before + 1);
    expect((await store.triage.get(other.id))?.status).toBe('benign');
    const det = await refused('suppressFromIncident', {
      params: { id: other.id },
      body: { kind: 'detector-destination', reason: 'x' },
    });
    expect(det.message).toMatch(/beaconing, long-connections/);
  });

  it('15.3: suppressions: list, add, read, edit, delete, each audited and each asking for a hunt', async () => {
    const made = await call('createSuppression', {
      body: {
        match: { kind: 'ja3', ja3: 'E7D705A3286E19EA42F587B344EE6865' },
        reason: 'scanner',
        expiresAt: '2020-01-01T00:00:00Z',
      },
    });
    const id = made['id'] as string;
    expect(made['match']).toEqual({ kind: 'ja3', ja3: 'e7d705a3286e19ea42f587b344ee6865' });
    // Expired: listed only with all=true.
    const active = await call('listSuppressions', {});
    expect((active['items'] as { id: string }[]).map((x) => x.id)).not.toContain(id);
    const all = await call('listSuppressions', { query: { all: 'true' } });
    expect((all['items'] as { id: string }[]).map((x) => x.id)).toContain(id);
    const edited = await call('updateSuppression', {
      params: { id },
      body: { expiresAt: null, reason: 'lab scanner' },
    });
    expect(edited).toMatchObject({ id, expiresAt: null, reason: 'lab scanner' });
    expect(await call('getSuppression', { params: { id } })).toEqual(edited);
    expect(await call('deleteSuppression', { params: { id } })).toEqual({ ok: true });
    expect((await refused('getSuppression', { params: { id } })).code).toBe('not_found');
    expect((await refused('deleteSuppression', { params: { id } })).code).toBe('not_found');
    expect(hunts.filter((h) => h === 'suppression').length).toBeGreaterThanOrEqual(4);
    const audit = (await store.identity.listAudit({ target: id })).map((a) => a.action).reverse();
    expect(audit).toEqual(['suppression.create', 'suppression.edit', 'suppression.delete']);
  });
});
