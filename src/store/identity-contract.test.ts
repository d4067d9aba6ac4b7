// The identity part of the store contract, run against every backend in `storeBackends`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeBackends } from './open-store.js';
import type { BackendName, Store } from './store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-identity-'));
  dirs.push(dir);
  return dir;
}

describe.each(Object.keys(storeBackends) as BackendName[])('store contract, identity: %s', (backend) => {
  const open = (dataDir: string, readOnly = false): Promise<Store> =>
    storeBackends[backend]({ dataDir, readOnly });

  it('15.7: organisations and users: create, look up, update, count, and refuse duplicates', async () => {
    const s = await open(tempDir());
    try {
      const id = s.identity;
      expect(await id.countUsers()).toBe(0);
      const home = await id.createOrganisation('home');
      expect(home.id).toMatch(/^org-[0-9a-f]{16}$/);
      expect(home.name).toBe('home');
      await expect(id.createOrganisation('home')).rejects.toThrow(/exists/);
      const partner = await id.createOrganisation('partner');
      expect((await id.listOrganisations()).map((o) => o.name)).toEqual(['home', 'partner']);
      expect(await id.getOrganisationByName('partner')).toEqual(partner);
      expect(await id.getOrganisationByName('nobody')).toBeNull();

      const alice = await id.createUser({
        name: 'alice',
        displayName: 'Alice',
        orgId: home.id,
        role: 'analyst',
        passwordHash: 'scrypt$x',
      });
      expect(alice.id).toMatch(/^usr-[0-9a-f]{16}$/);
      expect(alice).not.toHaveProperty('passwordHash');
      expect(alice).toMatchObject({ name: 'alice', displayName: 'Alice', role: 'analyst', disabled: false });
      expect(alice.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      await expect(
        id.createUser({
          name: 'alice',
          displayName: 'A2',
          orgId: home.id,
          role: 'viewer',
          passwordHash: null,
        }),
      ).rejects.toThrow(/exists/);
      await expect(
        id.createUser({
          name: 'bob',
          displayName: 'Bob',
          orgId: 'org-none',
          role: 'viewer',
          passwordHash: null,
        }),
      ).rejects.toThrow(/organisation/);
      await id.createUser({
        name: 'bob',
        displayName: 'Bob',
        orgId: partner.id,
        role: 'viewer',
        passwordHash: null,
      });
      expect(await id.countUsers()).toBe(2);
      expect((await id.listUsers()).map((u) => u.name)).toEqual(['alice', 'bob']);
      expect((await id.getUserByName('alice'))?.passwordHash).toBe('scrypt$x');
      expect((await id.getUser(alice.id))?.name).toBe('alice');
      expect(await id.getUser('usr-none')).toBeNull();

      const changed = await id.updateUser(alice.id, { role: 'admin', disabled: true, orgId: partner.id });
      expect(changed).toMatchObject({
        role: 'admin',
        disabled: true,
        orgId: partner.id,
        displayName: 'Alice',
      });
      await id.updateUser(alice.id, { passwordHash: 'scrypt$y', displayName: 'Alice A.' });
      expect(await id.getUserByName('alice')).toMatchObject({
        passwordHash: 'scrypt$y',
        displayName: 'Alice A.',
        disabled: true,
      });
      await expect(id.updateUser('usr-none', { role: 'viewer' })).rejects.toThrow(/no user/);
    } finally {
      await s.close();
    }
  });

  it('15.7: tokens: found by hash while live, not once expired or revoked; touched; listed per user', async () => {
    const s = await open(tempDir());
    try {
      const id = s.identity;
      const org = await id.createOrganisation('home');
      const u = await id.createUser({
        name: 'svc',
        displayName: 'svc',
        orgId: org.id,
        role: 'analyst',
        passwordHash: null,
      });
      const v = await id.createUser({
        name: 'v',
        displayName: 'v',
        orgId: org.id,
        role: 'viewer',
        passwordHash: null,
      });
      const t = await id.createToken({
        userId: u.id,
        label: 'ci',
        role: 'viewer',
        secretHash: 'h1',
        expiresAt: null,
      });
      expect(t.id).toMatch(/^tok-[0-9a-f]{16}$/);
      expect(t).toMatchObject({
        userId: u.id,
        label: 'ci',
        role: 'viewer',
        expiresAt: null,
        lastUsedAt: null,
      });
      const exp = await id.createToken({
        userId: u.id,
        label: 'short',
        role: 'analyst',
        secretHash: 'h2',
        expiresAt: '2030-01-01T00:00:00.000Z',
      });
      await id.createToken({
        userId: v.id,
        label: 'other',
        role: 'viewer',
        secretHash: 'h3',
        expiresAt: null,
      });
      expect((await id.findToken('h1', new Date()))?.id).toBe(t.id);
      expect((await id.findToken('h2', new Date('2029-12-31T23:59:59Z')))?.id).toBe(exp.id);
      expect(await id.findToken('h2', new Date('2030-01-01T00:00:01Z'))).toBeNull();
      expect(await id.findToken('nope', new Date())).toBeNull();
      expect((await id.listTokens(u.id)).map((x) => x.label)).toEqual(['ci', 'short']);
      expect(await id.listTokens()).toHaveLength(3);

      await id.touchToken(t.id, '2026-12-07T10:00:00.500Z');
      expect((await id.findToken('h1', new Date()))?.lastUsedAt).toBe('2026-12-07T10:00:00.500Z');

      expect(await id.revokeToken(t.id)).toBe(true);
      expect(await id.revokeToken(t.id)).toBe(false);
      expect(await id.revokeToken('tok-none')).toBe(false);
      expect(await id.findToken('h1', new Date())).toBeNull();
      expect((await id.listTokens(u.id)).map((x) => x.label)).toEqual(['short']);
    } finally {
      await s.close();
    }
  });

  it('15.7: sessions: live until expiry, deleted one by one or per user', async () => {
    const s = await open(tempDir());
    try {
      const id = s.identity;
      const session = {
        idHash: 'sh1',
        userId: 'usr-a',
        csrfToken: 'csrf1',
        createdAt: '2026-12-07T10:00:00.000Z',
        expiresAt: '2099-12-07T22:00:00.000Z',
      };
      await id.createSession(session);
      await id.createSession({ ...session, idHash: 'sh2', csrfToken: 'csrf2' });
      await id.createSession({ ...session, idHash: 'sh3', userId: 'usr-b' });
      expect(await id.getSession('sh1', new Date())).toEqual(session);
      expect(await id.getSession('sh1', new Date('2100-01-01T00:00:00Z'))).toBeNull();
      expect(await id.getSession('none', new Date())).toBeNull();
      await id.deleteSession('sh1');
      expect(await id.getSession('sh1', new Date())).toBeNull();
      await id.deleteUserSessions('usr-a');
      expect(await id.getSession('sh2', new Date())).toBeNull();
      expect((await id.getSession('sh3', new Date()))?.userId).toBe('usr-b');
    } finally {
      await s.close();
    }
  });

  it('15.7: the audit log filters by actor, target and action prefix, pages by id, newest first', async () => {
    const s = await open(tempDir());
    try {
      const id = s.identity;
      const at = '2026-12-07T10:00:00.000Z';
      const a = await id.audit({
        at,
        actor: 'alice',
        action: 'user.create',
        target: 'bob',
        detail: { role: 'viewer' },
        origin: 'cli',
      });
      expect(a).toEqual({
        id: a.id,
        at,
        actor: 'alice',
        action: 'user.create',
        target: 'bob',
        detail: { role: 'viewer' },
        origin: 'cli',
      });
      await id.audit({
        at,
        actor: 'bob',
        action: 'incident.status',
        target: 'INC-1',
        detail: {},
        origin: '127.0.0.1',
      });
      await id.audit({
        at,
        actor: 'alice',
        action: 'incident.note',
        target: 'INC-1',
        detail: {},
        origin: '127.0.0.1',
      });
      const all = await id.listAudit();
      expect(all.map((e) => e.action)).toEqual(['incident.note', 'incident.status', 'user.create']);
      expect((await id.listAudit({ actor: 'alice' })).map((e) => e.action)).toEqual([
        'incident.note',
        'user.create',
      ]);
      expect((await id.listAudit({ target: 'INC-1' })).length).toBe(2);
      expect((await id.listAudit({ action: 'incident.' })).length).toBe(2);
      const page1 = await id.listAudit({ limit: 2 });
      const page2 = await id.listAudit({ limit: 2, before: page1[1]?.id as number });
      expect(page2.map((e) => e.action)).toEqual(['user.create']);
    } finally {
      await s.close();
    }
  });

  it('15.7: everything survives a reopen; a read-only store reads it and refuses writes', async () => {
    const dir = tempDir();
    const s = await open(dir);
    const org = await s.identity.createOrganisation('home');
    const u = await s.identity.createUser({
      name: 'ann',
      displayName: 'Ann',
      orgId: org.id,
      role: 'admin',
      passwordHash: 'h',
    });
    const t = await s.identity.createToken({
      userId: u.id,
      label: 'l',
      role: 'admin',
      secretHash: 'th',
      expiresAt: null,
    });
    await s.identity.createSession({
      idHash: 'sh',
      userId: u.id,
      csrfToken: 'c',
      createdAt: '2026-12-07T10:00:00.000Z',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    await s.identity.audit({
      at: '2026-12-07T10:00:00.000Z',
      actor: 'ann',
      action: 'user.create',
      target: 'ann',
      detail: {},
      origin: 'cli',
    });
    await s.close();

    const r = await open(dir, true);
    try {
      expect(await r.identity.getOrganisationByName('home')).toEqual(org);
      expect(await r.identity.getUserByName('ann')).toMatchObject({
        id: u.id,
        role: 'admin',
        passwordHash: 'h',
      });
      expect((await r.identity.findToken('th', new Date()))?.id).toBe(t.id);
      expect((await r.identity.getSession('sh', new Date()))?.userId).toBe(u.id);
      expect(await r.identity.listAudit()).toHaveLength(1);
      await expect(r.identity.createOrganisation('x')).rejects.toThrow(/read-only/);
    } finally {
      await r.close();
    }
  });
});
