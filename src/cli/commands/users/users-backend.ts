import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { ApiToken, Principal, Role, User } from '../../../domain/identity.js';
import { errorCodes, MamoriError } from '../../../errors.js';
import { ApiError } from '../../../server/api/api-error.js';
import { createTokenFor } from '../../../server/auth/token-admin.js';
import { addUser, changeUser } from '../../../server/auth/user-admin.js';
import { serverFor } from '../../../server/server-client.js';
import type { Store } from '../../../store/store.js';
import { commandConfig } from '../../command-config.js';
import { openStoreForWriting } from '../../read-store.js';

/** A user change as the CLI gives it. */
export interface UserPatch {
  readonly displayName?: string;
  readonly role?: Role;
  readonly org?: string;
  readonly disabled?: boolean;
  readonly password?: string;
}

/** What `mamori users` does, straight on the store or through the server that owns it. */
export interface UsersBackend {
  add(u: { name: string; role: Role; org?: string; displayName?: string; password?: string }): Promise<User>;
  list(): Promise<User[]>;
  update(name: string, patch: UserPatch): Promise<User>;
  createToken(t: {
    user: string;
    label: string;
    role?: Role;
    expiresAt?: string;
  }): Promise<{ token: ApiToken; secret: string }>;
  listTokens(user?: string): Promise<ApiToken[]>;
  revokeToken(id: string): Promise<void>;
  close(): Promise<void>;
}

/** The OS user, who the audit log names for CLI changes. */
function osUser(): string {
  try {
    return userInfo().username || process.env['USER'] || 'unknown';
  } catch {
    return process.env['USER'] || 'unknown';
  }
}

/** API errors of the shared user logic, as CLI errors. */
async function cliErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) throw new MamoriError(errorCodes.badInput, err.message, { cause: err });
    throw err;
  }
}

function direct(store: Store): UsersBackend {
  const actor: Principal = { userId: 'cli', userName: osUser(), orgId: '', role: 'admin', via: 'local' };
  const audit = (action: string, target: string, detail: Record<string, unknown>) =>
    store.identity.audit({
      at: new Date().toISOString(),
      actor: actor.userName,
      action,
      target,
      detail,
      origin: 'cli',
    });
  const byName = async (name: string) => {
    const u = await store.identity.getUserByName(name);
    if (!u) throw new MamoriError(errorCodes.badInput, `no user ${name} (mamori users list shows them)`);
    return u;
  };
  return {
    add: (u) =>
      cliErrors(async () => {
        const user = await addUser(store.identity, u);
        await audit('user.create', user.name, {
          role: user.role,
          orgId: user.orgId,
          password: u.password !== undefined,
        });
        return user;
      }),
    list: () => store.identity.listUsers(),
    update: (name, patch) =>
      cliErrors(async () => {
        const { user, change } = await changeUser(store.identity, (await byName(name)).id, patch);
        if (Object.keys(change).length) await audit('user.update', user.name, change);
        return user;
      }),
    createToken: (t) =>
      cliErrors(async () => {
        const r = await createTokenFor(store.identity, actor, {
          userName: t.user,
          label: t.label,
          role: t.role,
          expiresAt: t.expiresAt,
        });
        await audit('token.create', r.owner, {
          id: r.token.id,
          label: r.token.label,
          role: r.token.role,
          expiresAt: r.token.expiresAt,
        });
        return r;
      }),
    listTokens: async (user) =>
      store.identity.listTokens(user === undefined ? undefined : (await byName(user)).id),
    revokeToken: async (id) => {
      const t = (await store.identity.listTokens()).find((x) => x.id === id);
      if (!t || !(await store.identity.revokeToken(id)))
        throw new MamoriError(
          errorCodes.badInput,
          `no live token ${id} (mamori users token list shows them)`,
        );
      await audit('token.revoke', id, { userId: t.userId, label: t.label });
    },
    close: () => store.close(),
  };
}

/** Lists every page of a paginated API list. */
async function allPages<T>(
  get: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await get(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The user commands' backend: the running server's API when one owns the store, else the store. */
export async function usersBackend(dataDir: string): Promise<UsersBackend> {
  const client = serverFor(dataDir);
  if (client?.server.kind !== 'serve') return direct(await openStoreForWriting(dataDir));
  const q = (cursor: string | null, extra = '') =>
    `?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}${extra}`;
  const list = () => allPages<User>((c) => client.request('GET', `/users${q(c)}`));
  const idOf = async (name: string) => {
    const u = (await list()).find((x) => x.name === name);
    if (!u) throw new MamoriError(errorCodes.badInput, `no user ${name} (mamori users list shows them)`);
    return u.id;
  };
  return {
    add: (u) => client.request('POST', '/users', u),
    list,
    update: async (name, patch) =>
      client.request('PATCH', `/users/${encodeURIComponent(await idOf(name))}`, patch),
    createToken: (t) => client.request('POST', '/tokens', t),
    listTokens: (user) =>
      allPages<ApiToken>((c) =>
        client.request('GET', `/tokens${q(c, user ? `&user=${encodeURIComponent(user)}` : '')}`),
      ),
    revokeToken: async (id) => {
      await client.request('DELETE', `/tokens/${encodeURIComponent(id)}`);
    },
    close: async () => undefined,
  };
}

/** Runs `fn` on the backend of the command's data directory, closing it after. */
export async function withUsers<T>(cmd: Command, fn: (b: UsersBackend) => Promise<T>): Promise<T> {
  const { dataDir } = commandConfig(cmd);
  const b = await usersBackend(dataDir);
  try {
    return await fn(b);
  } finally {
    await b.close();
  }
}
