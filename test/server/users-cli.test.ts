import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run-cli.test-helper.js';
import { openStore } from '../../src/store/open-store.js';
import { startTestServer } from './server-harness.js';

// The terminal prompt is not what is under test: a fixed password stands in for it.
vi.mock('../../src/cli/commands/users/password-input.js', () => ({
  readNewPassword: async () => 'a long enough password',
}));

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('15.7: mamori users', () => {
  it('15.7: adds, lists, disables users and manages tokens on the store, audited with the OS user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-users-'));
    dirs.push(dir);
    const alice = await runCli('users', 'add', 'alice', '--role', 'admin', '--data', dir, '--json');
    expect(JSON.parse(alice.out)).toMatchObject({ name: 'alice', role: 'admin', disabled: false });
    expect(
      (await runCli('users', 'add', 'bob', '--role', 'viewer', '--org', 'partner', '--data', dir)).code,
    ).toBe(0);
    const dup = await runCli('users', 'add', 'bob', '--role', 'viewer', '--data', dir);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('exists');
    expect((await runCli('users', 'add', 'Bad Name', '--role', 'viewer', '--data', dir)).code).toBe(2);
    // Usage errors of nested commands exit 2 like every other.
    expect((await runCli('users', 'add', 'carl', '--data', dir)).code).toBe(2);
    expect((await runCli('users', 'token', 'create', 'alice', '--data', dir)).code).toBe(2);
    const list = JSON.parse((await runCli('users', 'list', '--json', '--data', dir)).out) as {
      name: string;
      role: string;
    }[];
    expect(list.map((u) => `${u.name}:${u.role}`)).toEqual(['alice:admin', 'bob:viewer']);
    const last = await runCli('users', 'disable', 'alice', '--data', dir);
    expect(last.code).toBe(1);
    expect(last.err).toContain('last enabled admin');
    expect(JSON.parse((await runCli('users', 'disable', 'bob', '--data', dir, '--json')).out)).toMatchObject({
      disabled: true,
    });
    expect(JSON.parse((await runCli('users', 'enable', 'bob', '--data', dir, '--json')).out)).toMatchObject({
      disabled: false,
    });
    expect(
      JSON.parse((await runCli('users', 'role', 'bob', 'analyst', '--data', dir, '--json')).out),
    ).toMatchObject({ role: 'analyst' });
    expect(JSON.parse((await runCli('users', 'passwd', 'bob', '--data', dir, '--json')).out)).toMatchObject({
      name: 'bob',
    });

    const made = await runCli(
      'users',
      'token',
      'create',
      'alice',
      '--label',
      'ci',
      '--role',
      'analyst',
      '--expires',
      '90d',
      '--json',
      '--data',
      dir,
    );
    expect(made.code).toBe(0);
    const { token, secret } = JSON.parse(made.out) as {
      token: { id: string; role: string; expiresAt: string };
      secret: string;
    };
    expect(secret).toMatch(/^mam_/);
    expect(token.role).toBe('analyst');
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect(
      JSON.parse((await runCli('users', 'token', 'revoke', token.id, '--data', dir, '--json')).out),
    ).toEqual({ revoked: token.id });
    expect(JSON.parse((await runCli('users', 'token', 'list', '--json', '--data', dir)).out)).toEqual([]);

    const store = await openStore({ dataDir: dir, readOnly: true });
    try {
      const audit = await store.identity.listAudit();
      expect(audit.map((e) => e.action)).toEqual([
        'token.revoke',
        'token.create',
        ...Array(4).fill('user.update'),
        'user.create',
        'user.create',
      ]);
      expect(audit[2]?.detail).toEqual({ password: 'changed' });
      expect(audit.every((e) => e.origin === 'cli')).toBe(true);
      expect(await store.identity.getOrganisationByName('partner')).not.toBeNull();
    } finally {
      await store.close();
    }
  });

  it('15.7: goes through the server that owns the store instead of failing on the lock', async () => {
    const t = await startTestServer();
    try {
      const add = await runCli('users', 'add', 'carol', '--role', 'admin', '--data', t.dataDir);
      expect(add.code, add.err).toBe(0);
      const list = JSON.parse((await runCli('users', 'list', '--json', '--data', t.dataDir)).out) as {
        name: string;
      }[];
      expect(list.map((u) => u.name)).toEqual(['carol']);
      const tok = await runCli('users', 'token', 'create', 'carol', '--label', 'x', '--data', t.dataDir);
      expect(tok.out).toMatch(/^mam_/);
      // The new user ended anonymous mode.
      expect((await fetch(`${t.api}/users`)).status).toBe(401);
      expect(
        (await fetch(`${t.api}/users`, { headers: { authorization: `Bearer ${tok.out.trim()}` } })).status,
      ).toBe(200);
    } finally {
      await t.close();
    }
  });
});
