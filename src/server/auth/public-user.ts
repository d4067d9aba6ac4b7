import type { StoredUser, User } from '../../domain/identity.js';

/** A user without the password hash: what may leave the server. */
export function publicUserOf(u: StoredUser | User): User {
  return {
    id: u.id,
    name: u.name,
    displayName: u.displayName,
    orgId: u.orgId,
    role: u.role,
    disabled: u.disabled,
    createdAt: u.createdAt,
  };
}
