import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Organisation, type Role, roles, type StoredUser, type User } from '../../../domain/identity.js';
import { errorCodes, MamoriError } from '../../../errors.js';

/** Store ids: a prefix and 16 random hex digits (`usr-3f9a…`). */
export function newId(prefix: 'org' | 'usr' | 'tok'): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

/** An ISO instant as DuckDB's TIMESTAMP text (UTC, no zone suffix). */
export function toTimestamp(iso: string): string {
  return iso.replace(/Z$/, '');
}

/** A TIMESTAMP column read back as ISO 8601 with milliseconds. */
export const isoOf = (col: string, as = col): string => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${as}`;

const orgColumns = `org_id, name, ${isoOf('created_at')}`;
const userColumns = `user_id, name, display_name, org_id, role, password_hash, disabled, ${isoOf('created_at')}`;

function orgFromRow(r: Record<string, unknown>): Organisation {
  return { id: String(r['org_id']), name: String(r['name']), createdAt: String(r['created_at']) };
}

function roleOf(v: unknown): Role {
  const s = String(v);
  if ((roles as readonly string[]).includes(s)) return s as Role;
  // A hand-edited row: the least role is the safe reading.
  return 'viewer';
}

function userFromRow(r: Record<string, unknown>): StoredUser {
  return {
    id: String(r['user_id']),
    name: String(r['name']),
    displayName: String(r['display_name']),
    orgId: String(r['org_id']),
    role: roleOf(r['role']),
    disabled: r['disabled'] === true,
    createdAt: String(r['created_at']),
    passwordHash:
      r['password_hash'] === null || r['password_hash'] === undefined ? null : String(r['password_hash']),
  };
}

/** A user without the password hash: what may leave the server. */
export function publicUser(u: StoredUser): User {
  const { passwordHash: _hash, ...rest } = u;
  return rest;
}

async function rows(c: DuckDBConnection, sql: string, params: Record<string, unknown> = {}) {
  const r = await c.runAndReadAll(sql, params as never);
  return r.getRowObjectsJson() as Record<string, unknown>[];
}

/** Organisations and users in DuckDB. */
export function duckdbUsers(c: DuckDBConnection, settle: () => Promise<void>) {
  const getUser = async (id: string): Promise<StoredUser | null> => {
    const r = (await rows(c, `SELECT ${userColumns} FROM users WHERE user_id = $id`, { id }))[0];
    return r ? userFromRow(r) : null;
  };
  const getOrganisation = async (id: string): Promise<Organisation | null> => {
    const r = (await rows(c, `SELECT ${orgColumns} FROM organisations WHERE org_id = $id`, { id }))[0];
    return r ? orgFromRow(r) : null;
  };
  const requireOrg = async (id: string): Promise<void> => {
    if (!(await getOrganisation(id)))
      throw new MamoriError(errorCodes.badInput, `no organisation with id ${id}`);
  };
  return {
    async createOrganisation(name: string): Promise<Organisation> {
      await settle();
      const taken = await rows(c, 'SELECT 1 FROM organisations WHERE name = $name', { name });
      if (taken.length) throw new MamoriError(errorCodes.badInput, `organisation ${name} exists already`);
      const r = await rows(
        c,
        `INSERT INTO organisations (org_id, name, created_at) VALUES ($id, $name, $at::TIMESTAMP) RETURNING ${orgColumns}`,
        { id: newId('org'), name, at: toTimestamp(new Date().toISOString()) },
      );
      return orgFromRow(r[0] as Record<string, unknown>);
    },
    async listOrganisations(): Promise<Organisation[]> {
      return (await rows(c, `SELECT ${orgColumns} FROM organisations ORDER BY name`)).map(orgFromRow);
    },
    async getOrganisationByName(name: string): Promise<Organisation | null> {
      const r = (await rows(c, `SELECT ${orgColumns} FROM organisations WHERE name = $name`, { name }))[0];
      return r ? orgFromRow(r) : null;
    },
    async createUser(u: {
      readonly name: string;
      readonly displayName: string;
      readonly orgId: string;
      readonly role: Role;
      readonly passwordHash: string | null;
    }): Promise<User> {
      await settle();
      await requireOrg(u.orgId);
      const taken = await rows(c, 'SELECT 1 FROM users WHERE name = $name', { name: u.name });
      if (taken.length) throw new MamoriError(errorCodes.badInput, `user ${u.name} exists already`);
      const r = await rows(
        c,
        `INSERT INTO users (user_id, name, display_name, org_id, role, password_hash, disabled, created_at)
         VALUES ($id, $name, $display, $org, $role, $hash, false, $at::TIMESTAMP) RETURNING ${userColumns}`,
        {
          id: newId('usr'),
          name: u.name,
          display: u.displayName,
          org: u.orgId,
          role: u.role,
          hash: u.passwordHash,
          at: toTimestamp(new Date().toISOString()),
        },
      );
      return publicUser(userFromRow(r[0] as Record<string, unknown>));
    },
    async updateUser(
      id: string,
      patch: {
        readonly displayName?: string;
        readonly role?: Role;
        readonly orgId?: string;
        readonly disabled?: boolean;
        readonly passwordHash?: string | null;
      },
    ): Promise<User> {
      await settle();
      const old = await getUser(id);
      if (!old) throw new MamoriError(errorCodes.badInput, `no user with id ${id}`);
      if (patch.orgId !== undefined) await requireOrg(patch.orgId);
      const next = { ...old, ...patch };
      await c.run(
        `UPDATE users SET display_name = $display, role = $role, org_id = $org, disabled = $disabled,
           password_hash = $hash WHERE user_id = $id`,
        {
          id,
          display: next.displayName,
          role: next.role,
          org: next.orgId,
          disabled: next.disabled,
          hash: next.passwordHash,
        },
      );
      return publicUser((await getUser(id)) as StoredUser);
    },
    getUser,
    async getUserByName(name: string): Promise<StoredUser | null> {
      const r = (await rows(c, `SELECT ${userColumns} FROM users WHERE name = $name`, { name }))[0];
      return r ? userFromRow(r) : null;
    },
    async listUsers(): Promise<User[]> {
      return (await rows(c, `SELECT ${userColumns} FROM users ORDER BY name`)).map((r) =>
        publicUser(userFromRow(r)),
      );
    },
    async countUsers(): Promise<number> {
      const r = await rows(c, 'SELECT count(*) AS n FROM users');
      return Number(r[0]?.['n'] ?? 0);
    },
  };
}
