import type { ApiToken, Principal, Role } from '../../domain/identity.js';
import { roleAllows } from '../../domain/identity.js';
import type { IdentityStore } from '../../store/identity-store.js';
import { ApiError } from '../api/api-error.js';
import { lowerRole } from './principals.js';
import { newApiTokenSecret, secretHash } from './secrets.js';

/**
 * A new API token for the user named `userName`; the secret is returned once and only its hash
 * stored. The token never acts above its user, nor above whoever creates it.
 */
export async function createTokenFor(
  id: IdentityStore,
  creator: Pick<Principal, 'userId' | 'role'>,
  t: { userName: string; label: string; role?: Role | undefined; expiresAt?: string | null | undefined },
): Promise<{ token: ApiToken; secret: string; owner: string }> {
  if (t.expiresAt && !(Date.parse(t.expiresAt) > Date.now()))
    throw new ApiError('badRequest', 'body.expiresAt: must be a time in the future', 'body.expiresAt');
  const owner = await id.getUserByName(t.userName);
  if (!owner) throw new ApiError('notFound', `no user ${t.userName}`, 'body.user');
  if (owner.id !== creator.userId && !roleAllows(creator.role, 'admin'))
    throw new ApiError('forbidden', "only admins create other users' tokens");
  const secret = newApiTokenSecret();
  const token = await id.createToken({
    userId: owner.id,
    label: t.label,
    role: lowerRole(lowerRole(t.role ?? owner.role, owner.role), creator.role),
    secretHash: secretHash(secret),
    expiresAt: t.expiresAt ? new Date(t.expiresAt).toISOString() : null,
  });
  return { token, secret, owner: owner.name };
}
