import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { startServer } from '../../src/server/serve.js';
import { readServerFile, serverFileName } from '../../src/server/server-file.js';
import { startTestServer, type TestServer } from './server-harness.js';

const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

describe('15.7: the server with no users, on loopback (anonymous mode)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { server: { bodyLimitKb: 1 } } });
  });
  afterAll(() => t.close());

  it('15.7: acts as an anonymous admin and says no login is required', async () => {
    expect(t.server.authRequired).toBe(false);
    const me = (await (await fetch(`${t.api}/auth/me`)).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ user: null, role: 'admin', via: 'anonymous', authRequired: false });
    expect(typeof me['csrfToken']).toBe('string');
    expect((await fetch(`${t.api}/users`)).status).toBe(200);
  });

  it('15.7: refuses a cross-site write, and an anonymous request under a name that is not loopback', async () => {
    const write = (headers: Record<string, string>) =>
      fetch(`${t.api}/organisations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'partner' }),
      });
    const cross = await write({ origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    expect((await write({ origin: t.url })).status).toBe(201);
    // DNS rebinding: a page of evil.example that resolves to 127.0.0.1 says so in Host.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.api}/users`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
  });

  it('15.7: every answer carries the CSP, nosniff and no-referrer headers', async () => {
    for (const path of ['/api/v1/health', '/api/v1/nope', '/']) {
      const r = await fetch(`${t.url}${path}`);
      const got = (r.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
      expect(got).toEqual(csp.split('; '));
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('15.7: a body over server.bodyLimitKb is 413 payload_too_large; bad input is 400 naming the field', async () => {
    const big = await fetch(`${t.api}/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(4096) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const bad = await fetch(`${t.api}/users?limit=0`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request', field: 'query.limit' } });
    const badBody = await fetch(`${t.api}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bad Name!', role: 'viewer' }),
    });
    expect(await badBody.json()).toMatchObject({ error: { code: 'bad_request', field: 'body.name' } });
    const notJson = await fetch(`${t.api}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.stringify(await notJson.json())).not.toMatch(/at .*\.js/);
  });

  it('15.7: unknown API paths are 404 JSON; other pages get the UI or how to build it', async () => {
    const r = await fetch(`${t.api}/no/such/thing`);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: { code: 'not_found' } });
    const page = await fetch(`${t.url}/incidents/INC-1`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    if (!existsSync(join(import.meta.dirname, '../../dist/web/index.html')))
      expect(html).toContain('npm run build');
  });

  it('15.7: health is public and names the version and schema', async () => {
    expect(await (await fetch(`${t.api}/health`)).json()).toMatchObject({ ok: true, schemaVersion: 13 });
  });

  it('15.7: a first user ends anonymous mode', async () => {
    const created = await fetch(`${t.api}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'first', role: 'admin', password: 'a long enough password' }),
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${t.api}/users`)).status).toBe(401);
    expect(((await (await fetch(`${t.api}/auth/me`)).json()) as { authRequired: boolean }).authRequired).toBe(
      true,
    );
  });
});

describe('15.7: server.json and the bind rule', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('15.7: server.json is written 0600 with a working local token, and removed on close', async () => {
    const t = await startTestServer();
    const file = join(t.dataDir, serverFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const s = readServerFile(t.dataDir);
    expect(s).toMatchObject({ kind: 'serve', pid: process.pid, url: t.url });
    const me = (await (
      await fetch(`${t.api}/auth/me`, { headers: { authorization: `Bearer ${s?.token}` } })
    ).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ role: 'admin', via: 'local' });
    // The CLI names its OS user: the audit log reads local:NAME. Anyone else's header is ignored.
    const org = (name: string, headers: Record<string, string>) =>
      fetch(`${t.api}/organisations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name }),
      });
    expect((await org('p1', { authorization: `Bearer ${s?.token}`, 'x-mamori-actor': 'alice' })).status).toBe(
      201,
    );
    expect(
      (await org('p2', { authorization: `Bearer ${s?.token}`, 'x-mamori-actor': 'a b<c>' })).status,
    ).toBe(201);
    const audit = (await (
      await fetch(`${t.api}/audit?action=organisation.`, { headers: { authorization: `Bearer ${s?.token}` } })
    ).json()) as { items: { actor: string; target: string }[] };
    expect(audit.items.map((e) => e.actor).sort()).toEqual(['local', 'local:alice']);
    await t.close();
    expect(existsSync(file)).toBe(false);
  });

  it('15.7: refuses to listen on 0.0.0.0 with no user, naming mamori users add', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-bind-'));
    dirs.push(dir);
    await expect(
      startServer({ dataDir: dir, config: parseConfig({}, 'test'), host: '0.0.0.0', port: 0 }),
    ).rejects.toThrow(/mamori users add/);
    expect(existsSync(join(dir, serverFileName))).toBe(false);
  });

  it('15.7: a second server on the same store is refused, naming the first', async () => {
    const t = await startTestServer();
    try {
      await expect(
        startServer({ dataDir: t.dataDir, config: parseConfig({}, 'test'), host: '127.0.0.1', port: 0 }),
      ).rejects.toThrow(/owned by mamori serve \(pid \d+\)/);
    } finally {
      await t.close();
    }
  });
});
