import type { Organisation, Role, User } from '../../domain/identity.js';
import type { IdentityStore } from '../../store/identity-store.js';
import { ApiError } from '../api/api-error.js';
import { hashPassword } from './password-hash.js';

/** The organisation users join when none is named. */
export const defaultOrganisation = 'home';

/** An organisation by name, created when missing. */
export async function ensureOrganisation(id: IdentityStore, name: string): Promise<Organisation> {
  return (await id.getOrganisationByName(name)) ?? id.createOrganisation(name);
}

/** A new user; the password is hashed here (null: a token-only service user). */
export async function addUser(
  id: IdentityStore,
  u: {
    name: string;
    displayName?: string | undefined;
    role: Role;
    org?: string | undefined;
    password?: string | undefined;
  },
): Promise<User> {
  if (await id.getUserByName(u.name))
    throw new ApiError('conflict', `user ${u.name} exists already`, 'body.name');
  const passwordHash = u.password === undefined ? null : await hashPassword(u.password);
  const org = await ensureOrganisation(id, u.org ?? defaultOrganisation);
  return id.createUser({
    name: u.name,
    displayName: u.displayName ?? u.name,
    orgId: org.id,
    role: u.role,
    passwordHash,
  });
}

/** What a user change did, for the audit log (never the password itself). */
export type UserChange = Record<string, unknown>;

/**
 * Applies a change to a user. Refuses to leave no enabled admin (nobody could manage users any
 * more); ends the user's sessions when the password changes or the account is disabled.
 */
export async function changeUser(
  id: IdentityStore,
  userId: string,
  patch: {
    displayName?: string | undefined;
    role?: Role | undefined;
    org?: string | undefined;
    disabled?: boolean | undefined;
    password?: string | undefined;
  },
): Promise<{ user: User; change: UserChange }> {
  const old = await id.getUser(userId);
  if (!old) throw new ApiError('notFound', `no user with id ${userId}`, 'params.id');
  const losesAdmin =
    old.role === 'admin' &&
    !old.disabled &&
    ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
  if (losesAdmin) {
    const admins = (await id.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
    if (admins.length <= 1)
      throw new ApiError('conflict', `${old.name} is the last enabled admin: make another admin first`);
  }
  const change: UserChange = {};
  const next: {
    -readonly [K in keyof Parameters<IdentityStore['updateUser']>[1]]: Parameters<
      IdentityStore['updateUser']
    >[1][K];
  } = {};
  if (patch.displayName !== undefined && patch.displayName !== old.displayName) {
    next.displayName = patch.displayName;
    change['displayName'] = { from: old.displayName, to: patch.displayName };
  }
  if (patch.role !== undefined && patch.role !== old.role) {
    next.role = patch.role;
    change['role'] = { from: old.role, to: patch.role };
  }
  if (patch.disabled !== undefined && patch.disabled !== old.disabled) {
    next.disabled = patch.disabled;
    change['disabled'] = { from: old.disabled, to: patch.disabled };
  }
  if (patch.org !== undefined) {
    const org = await ensureOrganisation(id, patch.org);
    if (org.id !== old.orgId) {
      next.orgId = org.id;
      change['org'] = { to: org.name };
    }
  }
  if (patch.password !== undefined) {
    next.passwordHash = await hashPassword(patch.password);
    change['password'] = 'changed';
  }
  const user = await id.updateUser(userId, next);
  if (change['password'] || patch.disabled === true) await id.deleteUserSessions(userId);
  return { user, change };
}
