import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import type { Principal } from '../../src/domain/identity.js';
import type { IncidentJson } from '../../src/report/json/incidents-json.js';
import { ApiError } from '../../src/server/api/api-error.js';
import { apiRoutes } from '../../src/server/api/routes.js';
import type { ServerContext } from '../../src/server/server-context.js';
import { removeServerFile, writeServerFile } from '../../src/server/server-file.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { apt10Attribution, apt10Incident, unknownAttribution, unknownIncident } from '../report/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-triage-cli-'));
const data = join(dir, 'data');
const apt10 = apt10Incident();
const other = unknownIncident();

beforeAll(async () => {
  const store = await DuckDBStore.open({ dataDir: data });
  const runId = await store.saveFindings({ detectors: [] }, []);
  await store.saveIncidents(runId, [
    { incident: apt10, attribution: apt10Attribution() },
    { incident: other, attribution: unknownAttribution() },
  ]);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mamori incidents mark, note, assign, history', () => {
  it('15.3: mark records a decision with a note and --by, in text and --json', async () => {
    const text = await run(
      'incidents',
      'mark',
      apt10.id.toLowerCase(),
      'true-positive',
      '--note',
      'IR-2291',
      '--by',
      'alice',
      '--data',
      data,
    );
    expect(text.code, text.err).toBe(0);
    expect(text.out).toBe(`${apt10.id}: true-positive (by alice)\nnote added by alice`);
    const json = await run('incidents', 'mark', other.id, 'investigating', '--data', data, '--json');
    const t = JSON.parse(json.out) as { triage: Record<string, unknown> };
    expect(t.triage).toMatchObject({ incidentId: other.id, status: 'investigating', note: null });
    const show = await run('incidents', 'show', apt10.id, '--data', data);
    expect(show.out).toMatch(new RegExp(`Triage: ${apt10.id}: true-positive by alice`));
    const listed = JSON.parse((await run('incidents', '--data', data, '--json')).out) as {
      incidents: IncidentJson[];
    };
    expect(listed.incidents.find((i) => i.id === apt10.id)?.triage).toMatchObject({
      status: 'true-positive',
      note: 'IR-2291',
    });
  });

  it('15.3: the deprecated triage command still works, old status names included, and says what to use', async () => {
    const r = await run(
      'incidents',
      'triage',
      other.id,
      '--status',
      'confirmed',
      '--by',
      'carol',
      '--data',
      data,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ incidentId: other.id, status: 'true-positive', by: 'carol' });
    expect(r.err).toMatch(`use mamori incidents mark ${other.id} true-positive`);
    const bad = await run('incidents', 'triage', other.id, '--status', 'fine', '--data', data);
    expect(bad.code).toBe(2);
    expect((await run('incidents', 'mark', other.id, 'fine', '--data', data)).code).toBe(2);
    const missing = await run('incidents', 'mark', 'INC-ffffffff', 'benign', '--data', data);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/no incident INC-ffffffff/);
  });

  it('15.3: note, assign and history; a suppression without a unique host lists the choices', async () => {
    expect(
      (await run('incidents', 'note', other.id, 'ticket IR-9', '--by', 'bob', '--data', data)).code,
    ).toBe(0);
    expect((await run('incidents', 'assign', other.id, 'bob', '--data', data)).out).toBe(
      `${other.id}: assigned to bob`,
    );
    expect((await run('incidents', 'assign', other.id, '--none', '--data', data)).out).toBe(
      `${other.id}: unassigned`,
    );
    expect((await run('incidents', 'assign', other.id, '--data', data)).code).toBe(2);
    const refused = await run(
      'incidents',
      'mark',
      other.id,
      'benign',
      '--suppress',
      'host-destination',
      '--data',
      data,
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/2 hosts: give one \(choices: 172\.16\.9\.233, 172\.16\.9\.5\)/);
    // Nothing was stored by the refused mark.
    const h = JSON.parse((await run('incidents', 'history', other.id, '--data', data, '--json')).out) as {
      items: { field: string; from: string | null; to: string | null }[];
    };
    expect(h.items.map((x) => [x.field, x.to])).toEqual([
      ['status', 'investigating'],
      ['status', 'true-positive'],
      ['note', 'ticket IR-9'],
      ['assignee', 'bob'],
      ['assignee', null],
    ]);
    expect((await run('incidents', 'history', other.id, '--data', data)).out).toMatch(/assignee\s+bob/);
    expect(
      (await run('incidents', 'mark', other.id, 'benign', '--host', '1.2.3.4', '--data', data)).err,
    ).toMatch(/--host only goes with --suppress/);
  });

  it('15.3: suppressions add, list, edit and rm, with expiry; every change audited', async () => {
    const marked = await run(
      'incidents',
      'mark',
      other.id,
      'benign',
      '--suppress',
      'host-destination',
      '--host',
      '172.16.9.5',
      '--expires',
      '30d',
      '--by',
      'alice',
      '--data',
      data,
      '--json',
    );
    expect(marked.code, marked.err).toBe(0);
    const rule = (
      JSON.parse(marked.out) as { suppression: { id: string; expiresAt: string; reason: string } }
    ).suppression;
    expect(Date.parse(rule.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(rule.reason).toBe(`marked benign from ${other.id}`);
    const added = await run(
      'suppressions',
      'add',
      '--kind',
      'ja3',
      '--ja3',
      'E7D705A3286E19EA42F587B344EE6865',
      '--reason',
      'scanner',
      '--expires',
      '2020-01-01',
      '--data',
      data,
      '--json',
    );
    const old = JSON.parse(added.out) as { id: string; match: { ja3: string } };
    expect(old.match.ja3).toBe('e7d705a3286e19ea42f587b344ee6865');
    const active = JSON.parse((await run('suppressions', 'list', '--data', data, '--json')).out) as {
      id: string;
    }[];
    expect(active.map((s) => s.id)).toEqual([rule.id]);
    const all = await run('suppressions', 'list', '--all', '--data', data);
    expect(all.out).toMatch(/\(expired\)/);
    expect(all.out).toMatch(/172\.16\.9\.5 → 192\.0\.2\.66/);
    const edited = await run(
      'suppressions',
      'edit',
      old.id,
      '--expires',
      'never',
      '--reason',
      'lab scanner',
      '--data',
      data,
      '--json',
    );
    expect(JSON.parse(edited.out)).toMatchObject({ id: old.id, expiresAt: null, reason: 'lab scanner' });
    expect((await run('suppressions', 'edit', old.id, '--data', data)).code).toBe(2);
    expect(
      (await run('suppressions', 'add', '--kind', 'destination', '--reason', 'x', '--data', data)).err,
    ).toMatch(/--kind destination needs --destination/);
    expect(
      (
        await run(
          'suppressions',
          'add',
          '--kind',
          'ja3',
          '--ja3',
          'x',
          '--reason',
          'r',
          '--expires',
          'soon',
          '--data',
          data,
        )
      ).err,
    ).toMatch(/--expires: soon is neither/);
    expect(JSON.parse((await run('suppressions', 'rm', old.id, '--data', data, '--json')).out)).toEqual({
      removed: old.id,
    });
    expect((await run('suppressions', 'rm', old.id, '--data', data)).err).toMatch(`no suppression ${old.id}`);
    const store = await DuckDBStore.open({ dataDir: data, readOnly: true });
    try {
      const audit = (await store.identity.listAudit({ target: old.id })).map((a) => [a.action, a.origin]);
      expect(audit.reverse()).toEqual([
        ['suppression.create', 'cli'],
        ['suppression.edit', 'cli'],
        ['suppression.delete', 'cli'],
      ]);
      expect((await store.identity.listAudit({ actor: 'alice', action: 'suppression' }))[0]?.target).toBe(
        rule.id,
      );
    } finally {
      await store.close();
    }
  });
});

describe('15.3 triage commands while a server owns the store', () => {
  const principal: Principal = {
    userId: 'local',
    userName: 'local',
    orgId: 'o',
    role: 'admin',
    via: 'local',
  };
  let store: DuckDBStore;
  let server: Server;
  beforeAll(async () => {
    store = await DuckDBStore.open({ dataDir: data });
    const ctx = {
      dataDir: data,
      config: {} as ServerContext['config'],
      read: (fn) => fn(store),
      write: (_l, fn) => fn(store),
      events: { emit: () => {}, on: () => () => {} },
      audit: async (p, e, origin) =>
        void (await store.identity.audit({ ...e, actor: p.userName, origin, at: new Date().toISOString() })),
      requestHunt: () => {},
    } as ServerContext;
    // A stand-in for mamori serve: only the routing, the JSON bodies and the errors it answers with.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const path = url.pathname.replace(/^\/api\/v1/, '').split('/');
        const r = apiRoutes.find((x) => {
          const p = x.path.split('/');
          return (
            x.method === req.method &&
            p.length === path.length &&
            p.every((s, i) => s.startsWith(':') || s === path[i])
          );
        });
        const params = Object.fromEntries(
          (r?.path.split('/') ?? []).flatMap((s, i) =>
            s.startsWith(':') ? [[s.slice(1), decodeURIComponent(path[i] ?? '')]] : [],
          ),
        );
        try {
          if (!r) throw new ApiError('notFound', 'no route');
          const out = await r.handler({
            params: r.params?.parse(params),
            query: r.query?.parse(Object.fromEntries(url.searchParams)),
            body: r.body?.parse(body ? JSON.parse(body) : undefined),
            principal,
            ctx,
            origin: '127.0.0.1',
            files: [],
            signal: new AbortController().signal,
          } as never);
          res.writeHead(r.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError('internal', String(err));
          res
            .writeHead(e.status, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: e.code, message: e.message } }));
        }
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    writeServerFile(data, {
      kind: 'serve',
      pid: process.pid,
      url: `http://127.0.0.1:${port}`,
      token: 't',
      startedAt: new Date().toISOString(),
    });
  });
  afterAll(async () => {
    removeServerFile(data);
    await new Promise((ok) => server.close(ok));
    await store.close();
  });

  it('15.3: mark, note, history and suppressions go through the API, never "database is locked"', async () => {
    const marked = await run(
      'incidents',
      'mark',
      apt10.id,
      'closed',
      '--note',
      'contained',
      '--data',
      data,
      '--json',
    );
    expect(marked.code, marked.err).toBe(0);
    expect((await store.triage.get(apt10.id))?.status).toBe('closed');
    expect((await run('incidents', 'note', apt10.id, 'lessons learned', '--data', data)).code).toBe(0);
    const h = JSON.parse((await run('incidents', 'history', apt10.id, '--data', data, '--json')).out) as {
      items: { actor: string }[];
    };
    expect(h.items.at(-1)?.actor).toBe('local');
    const added = await run(
      'suppressions',
      'add',
      '--kind',
      'destination',
      '--destination',
      'wthelpdesk.com',
      '--reason',
      'test',
      '--data',
      data,
      '--json',
    );
    expect(added.code, added.err).toBe(0);
    const id = (JSON.parse(added.out) as { id: string }).id;
    const listed = JSON.parse((await run('suppressions', 'list', '--data', data, '--json')).out) as {
      id: string;
    }[];
    expect(listed.map((s) => s.id)).toContain(id);
    expect((await run('suppressions', 'edit', id, '--reason', 'still a test', '--data', data)).code).toBe(0);
    expect((await run('suppressions', 'rm', id, '--data', data)).code).toBe(0);
    const missing = await run('incidents', 'mark', 'INC-ffffffff', 'benign', '--data', data);
    expect(missing.err).toMatch(/no incident INC-ffffffff/);
    expect(missing.err).not.toMatch(/lock/i);
    expect((await store.identity.listAudit({ target: id })).map((a) => a.origin)).toEqual([
      '127.0.0.1',
      '127.0.0.1',
      '127.0.0.1',
    ]);
  });
});
