/**
 * One identity model for the web UI, the REST API and TAXII: users belong to organisations, hold a
 * role, and act through a browser session or an API token. Every change they make is audited.
 */

/** Lowest first: each role can do everything the ones before it can. */
export const roles = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof roles)[number];

/** True when `held` is at least `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}

/** A partner or home team; TAXII collections grant read and write per organisation. */
export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface User {
  readonly id: string;
  /** Login name: lower-case letters, digits, `.`, `_` and `-`. */
  readonly name: string;
  readonly displayName: string;
  readonly orgId: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** A user as stored, with the password hash (never leaves the server). */
export interface StoredUser extends User {
  /** `scrypt$N$r$p$salt$hash` (base64url parts); null for token-only service users. */
  readonly passwordHash: string | null;
}

/** An API token for scripts; only a hash of the secret is stored. */
export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly label: string;
  /** A role at most the user's own; the token acts with the lower of the two. */
  readonly role: Role;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
}

/** A browser session: the cookie holds the secret, the store its hash. */
export interface SessionRecord {
  readonly idHash: string;
  readonly userId: string;
  /** Sent back in `X-CSRF-Token` on every state-changing request. */
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Who is acting on a request: a user through a session or token, or the local CLI. */
export interface Principal {
  readonly userId: string;
  readonly userName: string;
  readonly orgId: string;
  readonly role: Role;
  readonly via: 'session' | 'token' | 'local' | 'anonymous';
}

/** One audited action: who did what to which object, and from where. */
export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  /** User name, or `local` for the CLI on the server's machine. */
  readonly actor: string;
  /** Dotted verb: `incident.status`, `suppression.create`, `user.create`, `taxii.read`… */
  readonly action: string;
  /** The object acted on: `INC-…`, `SUP-…`, a user name, a collection id. */
  readonly target: string;
  /** What changed, as small JSON (old and new values, counts). */
  readonly detail: Readonly<Record<string, unknown>>;
  /** Client address, or `cli`. */
  readonly origin: string;
}
