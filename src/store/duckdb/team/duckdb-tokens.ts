import type { DuckDBConnection } from '@duckdb/node-api';
import type { ApiToken, Role, SessionRecord } from '../../../domain/identity.js';
import { roles } from '../../../domain/identity.js';
import { isoOf, newId, toTimestamp } from './duckdb-users.js';

const tokenColumns = `token_id, user_id, label, role, ${isoOf('created_at')}, ${isoOf('expires_at')},
  ${isoOf('last_used_at')}`;
const sessionColumns = `id_hash, user_id, csrf_token, ${isoOf('created_at')}, ${isoOf('expires_at')}`;

const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function tokenFromRow(r: Record<string, unknown>): ApiToken {
  const role = String(r['role']);
  return {
    id: String(r['token_id']),
    userId: String(r['user_id']),
    label: String(r['label']),
    role: (roles as readonly string[]).includes(role) ? (role as Role) : 'viewer',
    createdAt: String(r['created_at']),
    expiresAt: textOrNull(r['expires_at']),
    lastUsedAt: textOrNull(r['last_used_at']),
  };
}

function sessionFromRow(r: Record<string, unknown>): SessionRecord {
  return {
    idHash: String(r['id_hash']),
    userId: String(r['user_id']),
    csrfToken: String(r['csrf_token']),
    createdAt: String(r['created_at']),
    expiresAt: String(r['expires_at']),
  };
}

async function rows(c: DuckDBConnection, sql: string, params: Record<string, unknown> = {}) {
  const r = await c.runAndReadAll(sql, params as never);
  return r.getRowObjectsJson() as Record<string, unknown>[];
}

/** API tokens and browser sessions in DuckDB, both keyed by the SHA-256 of their secret. */
export function duckdbTokens(c: DuckDBConnection, settle: () => Promise<void>) {
  return {
    async createToken(t: {
      readonly userId: string;
      readonly label: string;
      readonly role: Role;
      readonly secretHash: string;
      readonly expiresAt: string | null;
    }): Promise<ApiToken> {
      await settle();
      const r = await rows(
        c,
        `INSERT INTO api_tokens (token_id, user_id, label, role, secret_hash, created_at, expires_at, last_used_at, revoked)
         VALUES ($id, $user, $label, $role, $hash, $at::TIMESTAMP, $expires::TIMESTAMP, NULL, false)
         RETURNING ${tokenColumns}`,
        {
          id: newId('tok'),
          user: t.userId,
          label: t.label,
          role: t.role,
          hash: t.secretHash,
          at: toTimestamp(new Date().toISOString()),
          expires: t.expiresAt === null ? null : toTimestamp(t.expiresAt),
        },
      );
      return tokenFromRow(r[0] as Record<string, unknown>);
    },
    async findToken(secretHash: string, now: Date): Promise<ApiToken | null> {
      const r = await rows(
        c,
        `SELECT ${tokenColumns} FROM api_tokens WHERE secret_hash = $hash AND NOT revoked
           AND (expires_at IS NULL OR expires_at > $now::TIMESTAMP)`,
        { hash: secretHash, now: toTimestamp(now.toISOString()) },
      );
      return r[0] ? tokenFromRow(r[0]) : null;
    },
    async listTokens(userId?: string): Promise<ApiToken[]> {
      const r = await rows(
        c,
        `SELECT ${tokenColumns} FROM api_tokens WHERE NOT revoked ${userId === undefined ? '' : 'AND user_id = $user'}
         ORDER BY created_at, token_id`,
        userId === undefined ? {} : { user: userId },
      );
      return r.map(tokenFromRow);
    },
    async revokeToken(id: string): Promise<boolean> {
      await settle();
      const r = await rows(
        c,
        'UPDATE api_tokens SET revoked = true WHERE token_id = $id AND NOT revoked RETURNING token_id',
        { id },
      );
      return r.length > 0;
    },
    async touchToken(id: string, at: string): Promise<void> {
      await settle();
      await c.run('UPDATE api_tokens SET last_used_at = $at::TIMESTAMP WHERE token_id = $id', {
        id,
        at: toTimestamp(at),
      });
    },
    async createSession(s: SessionRecord): Promise<void> {
      await settle();
      // Expired sessions are dropped here, so the table stays the size of the live ones.
      await c.run('DELETE FROM sessions WHERE expires_at <= $now::TIMESTAMP', {
        now: toTimestamp(new Date().toISOString()),
      });
      await c.run(
        `INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
         VALUES ($hash, $user, $csrf, $created::TIMESTAMP, $expires::TIMESTAMP)`,
        {
          hash: s.idHash,
          user: s.userId,
          csrf: s.csrfToken,
          created: toTimestamp(s.createdAt),
          expires: toTimestamp(s.expiresAt),
        },
      );
    },
    async getSession(idHash: string, now: Date): Promise<SessionRecord | null> {
      const r = await rows(
        c,
        `SELECT ${sessionColumns} FROM sessions WHERE id_hash = $hash AND expires_at > $now::TIMESTAMP`,
        { hash: idHash, now: toTimestamp(now.toISOString()) },
      );
      return r[0] ? sessionFromRow(r[0]) : null;
    },
    async deleteSession(idHash: string): Promise<void> {
      await settle();
      await c.run('DELETE FROM sessions WHERE id_hash = $hash', { hash: idHash });
    },
    async deleteUserSessions(userId: string): Promise<void> {
      await settle();
      await c.run('DELETE FROM sessions WHERE user_id = $user', { user: userId });
    },
  };
}
