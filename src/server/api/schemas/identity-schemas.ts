import { z } from 'zod';
import { roles } from '../../../domain/identity.js';
import { isoTime } from './common-schemas.js';

/** Login names: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit. */
export const userNamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const roleSchema = z.enum(roles).meta({ id: 'Role' });
export const userName = z
  .string()
  .regex(
    userNamePattern,
    'lower-case letters, digits, ".", "_" and "-", at most 64, starting with a letter or digit',
  );
/** Passwords: long enough to resist guessing, short enough not to be a hashing denial of service. */
export const password = z.string().min(10, 'at least 10 characters').max(1024);

export const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    displayName: z.string(),
    orgId: z.string(),
    role: roleSchema,
    disabled: z.boolean(),
    createdAt: isoTime,
  })
  .meta({ id: 'User' });

export const organisationSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: isoTime })
  .meta({ id: 'Organisation' });

export const apiTokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    label: z.string(),
    role: roleSchema,
    createdAt: isoTime,
    expiresAt: isoTime.nullable(),
    lastUsedAt: isoTime.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const auditEntrySchema = z
  .object({
    id: z.number(),
    at: isoTime,
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    detail: z.record(z.string(), z.unknown()),
    origin: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const loginBody = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export const loginReply = z.object({ user: userSchema, csrfToken: z.string() });
export const meReply = z
  .object({
    user: userSchema.nullable(),
    /** null when not logged in. */
    role: roleSchema.nullable(),
    via: z.enum(['session', 'token', 'local', 'anonymous']).nullable(),
    csrfToken: z.string().nullable(),
    authRequired: z.boolean(),
  })
  .meta({ id: 'Me' });

export const createUserBody = z.object({
  name: userName,
  displayName: z.string().min(1).max(200).optional(),
  role: roleSchema,
  /** Organisation name; created when missing. Default `home`. */
  org: z.string().min(1).max(100).optional(),
  /** Absent: a token-only service user. */
  password: password.optional(),
});

export const patchUserBody = z.object({
  displayName: z.string().min(1).max(200).optional(),
  role: roleSchema.optional(),
  org: z.string().min(1).max(100).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});

export const createTokenBody = z.object({
  label: z.string().min(1).max(200),
  /** Default: the user's role; never above it. */
  role: roleSchema.optional(),
  expiresAt: isoTime.nullable().optional(),
  /** Another user's name (admins only); default yourself. */
  user: userName.optional(),
});
export const createTokenReply = z.object({
  token: apiTokenSchema,
  /** Shown once: the server keeps only its hash. */
  secret: z.string(),
});

export const healthReply = z.object({ ok: z.literal(true), version: z.string(), schemaVersion: z.number() });
