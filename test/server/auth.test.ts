import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoute } from '../../src/server/api/api-route.js';
import { startTestServer, type TestServer } from './server-harness.js';

const pw = 'correct horse battery';
// A tiny analyst-only route, mounted for this test only.
const analystOnly = apiRoute({
  method: 'POST',
  path: '/test/analyst-only',
  operationId: 'testAnalystOnly',
  summary: 'test',
  tags: ['test'],
  role: 'analyst',
  response: z.object({ who: z.string(), via: z.string() }),
  handler: async (req) => ({ who: req.principal.userName, via: req.principal.via }),
});

describe('15.7: authentication against a real server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      users: [
        { name: 'ann', role: 'admin', password: pw },
        { name: 'vic', role: 'viewer', password: pw },
        { name: 'al', role: 'analyst', password: pw },
        { name: 'dis', role: 'analyst', password: pw, disabled: true },
      ],
      config: { server: { loginAttemptsPerMinute: 3 } },
      extraRoutes: [analystOnly],
    });
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.api}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('15.7: with users, the API answers 401 JSON without credentials; public routes still answer', async () => {
    const r = await fetch(`${t.api}/users`);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await fetch(`${t.api}/health`)).status).toBe(200);
    const me = (await (await fetch(`${t.api}/auth/me`)).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ user: null, role: null, authRequired: true, csrfToken: null });
  });

  it('15.7: login sets an HttpOnly SameSite=Strict cookie; the session needs X-CSRF-Token on writes; logout ends it', async () => {
    const res = await post('/auth/login', { name: 'al', password: pw });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^mamori_session=[A-Za-z0-9_-]{20,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user['name']).toBe('al');
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = setCookie.split(';')[0] as string;

    const me = (await (await fetch(`${t.api}/auth/me`, { headers: { cookie } })).json()) as Record<
      string,
      unknown
    >;
    expect(me).toMatchObject({
      role: 'analyst',
      via: 'session',
      csrfToken: body.csrfToken,
      authRequired: true,
    });

    const refused = await post('/test/analyst-only', {}, { cookie });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    const wrong = await post('/test/analyst-only', {}, { cookie, 'x-csrf-token': 'nope' });
    expect(wrong.status).toBe(403);
    const ok = await post('/test/analyst-only', {}, { cookie, 'x-csrf-token': body.csrfToken });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ who: 'al', via: 'session' });

    const out = await post('/auth/logout', {}, { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(
      (await fetch(`${t.api}/auth/me`, { headers: { cookie } }).then((r) => r.json())) as object,
    ).toMatchObject({
      user: null,
    });
    expect((await post('/test/analyst-only', {}, { cookie, 'x-csrf-token': body.csrfToken })).status).toBe(
      401,
    );
  });

  it('15.7: a viewer is refused an analyst route with 403 forbidden', async () => {
    const { cookie, csrf } = await t.login('vic', pw);
    const r = await post('/test/analyst-only', {}, { cookie, 'x-csrf-token': csrf });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('15.7: bearer API tokens work without CSRF, act at most with their role, and stop when revoked', async () => {
    const { cookie, csrf } = await t.login('al', pw);
    const created = await post('/tokens', { label: 'ci', role: 'viewer' }, { cookie, 'x-csrf-token': csrf });
    expect(created.status).toBe(201);
    const { token, secret } = (await created.json()) as {
      token: { id: string; role: string };
      secret: string;
    };
    expect(secret).toMatch(/^mam_[A-Za-z0-9_-]{43}$/);
    expect(token.role).toBe('viewer');
    const auth = { authorization: `Bearer ${secret}` };
    expect((await fetch(`${t.api}/tokens`, { headers: auth })).status).toBe(200);
    // A viewer token of an analyst is refused an analyst route.
    expect((await post('/test/analyst-only', {}, auth)).status).toBe(403);

    const full = (await (
      await post('/tokens', { label: 'full' }, { cookie, 'x-csrf-token': csrf })
    ).json()) as {
      secret: string;
      token: { id: string };
    };
    const ok = await post('/test/analyst-only', {}, { authorization: `Bearer ${full.secret}` });
    expect(await ok.json()).toEqual({ who: 'al', via: 'token' });
    const del = await fetch(`${t.api}/tokens/${full.token.id}`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(del.status).toBe(200);
    expect((await post('/test/analyst-only', {}, { authorization: `Bearer ${full.secret}` })).status).toBe(
      401,
    );
    expect(
      (await fetch(`${t.api}/tokens`, { headers: { authorization: 'Bearer mam_nonsense' } })).status,
    ).toBe(401);
  });

  it('15.7: HTTP Basic with a password or an API token', async () => {
    const basic = (u: string, p: string) => ({
      authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
    });
    const r = await post('/test/analyst-only', {}, basic('al', pw));
    expect(r.status).toBe(200);
    expect((await fetch(`${t.api}/users`, { headers: basic('ann', pw) })).status).toBe(200);
    const { cookie, csrf } = await t.login('ann', pw);
    const { secret } = (await (
      await post('/tokens', { label: 'taxii' }, { cookie, 'x-csrf-token': csrf })
    ).json()) as {
      secret: string;
    };
    expect((await fetch(`${t.api}/users`, { headers: basic('ann', secret) })).status).toBe(200);
    // Someone else's token under another name does not pass.
    expect((await fetch(`${t.api}/users`, { headers: basic('vic', secret) })).status).toBe(401);
  });

  it('15.7: disabled users cannot log in; logins and failures are audited', async () => {
    const r = await post('/auth/login', { name: 'dis', password: pw });
    expect(r.status).toBe(401);
    const { cookie } = await t.login('ann', pw);
    const audit = (await (await fetch(`${t.api}/audit?action=auth.`, { headers: { cookie } })).json()) as {
      items: { action: string; actor: string }[];
    };
    expect(audit.items.some((e) => e.action === 'auth.login' && e.actor === 'ann')).toBe(true);
    expect(audit.items.some((e) => e.action === 'auth.login-failed')).toBe(true);
  });

  it('15.7: failed logins are rate-limited per address with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++)
      expect((await post('/auth/login', { name: 'vic', password: `wrong ${i}` })).status).toBe(401);
    const last = await post('/auth/login', { name: 'vic', password: 'wrong again' });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Even the right password waits now.
    expect((await post('/auth/login', { name: 'vic', password: pw })).status).toBe(429);
  });
});
