import type { Principal, Role, User } from '../../domain/identity.js';
import { roles } from '../../domain/identity.js';

/** The local CLI, through the token of server.json. */
export const localPrincipal: Principal = {
  userId: 'local',
  userName: 'local',
  orgId: '',
  role: 'admin',
  via: 'local',
};

/** Anyone on this machine while no user exists and the server listens on loopback only. */
export const anonymousPrincipal: Principal = {
  userId: 'anonymous',
  userName: 'anonymous',
  orgId: '',
  role: 'admin',
  via: 'anonymous',
};

/** The lower of two roles (a token acts with at most its user's role). */
export function lowerRole(a: Role, b: Role): Role {
  return roles.indexOf(a) <= roles.indexOf(b) ? a : b;
}

/** The principal of a user acting through a session or token. */
export function userPrincipal(u: User, via: 'session' | 'token', role: Role = u.role): Principal {
  return { userId: u.id, userName: u.name, orgId: u.orgId, role: lowerRole(role, u.role), via };
}
