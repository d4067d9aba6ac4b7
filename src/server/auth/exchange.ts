import type { FastifyReply } from 'fastify';
import type { Principal, SessionRecord } from '../../domain/identity.js';
import { ApiError } from '../api/api-error.js';
import type { ServerContext } from '../server-context.js';
import type { AuthService } from './auth-service.js';
import { publicUserOf } from './public-user.js';
import type { SessionExchange } from './session-exchange.js';

/** The session exchange of one request: what the login, logout and me routes act through. */
export function sessionExchange(
  auth: AuthService,
  ctx: ServerContext,
  reply: FastifyReply,
  r: { session: SessionRecord | null; principal: Principal | null; origin: string },
): SessionExchange {
  const anonymous = r.principal?.via === 'anonymous';
  return {
    current: r.session,
    authRequired: !anonymous,
    csrfToken: r.session?.csrfToken ?? (anonymous ? auth.anonymousCsrf : null),
    async login(name, password) {
      const got = await auth.checkPassword(name, password, r.origin);
      // Attempted names are attacker input: clipped before they reach the audit log.
      const who: Principal = {
        userId: '',
        userName: name.slice(0, 64),
        orgId: '',
        role: 'viewer',
        via: 'session',
      };
      if ('error' in got) {
        if (got.error === 'rate-limited') {
          reply.header('retry-after', String(got.retryAfter));
          throw new ApiError(
            'rateLimited',
            `too many failed logins from ${r.origin}: retry in ${got.retryAfter} s`,
          );
        }
        await ctx.audit(
          who,
          { action: 'auth.login-failed', target: who.userName, detail: { reason: got.error } },
          r.origin,
        );
        throw new ApiError(
          'unauthorized',
          got.error === 'disabled' ? 'this account is disabled' : 'wrong user name or password',
        );
      }
      const { secret, record } = await auth.openSession(got.user);
      reply.header('set-cookie', auth.cookie(secret, record.expiresAt));
      await ctx.audit(
        { ...who, userId: got.user.id },
        { action: 'auth.login', target: got.user.name, detail: {} },
        r.origin,
      );
      return { user: publicUserOf(got.user), csrfToken: record.csrfToken };
    },
    async logout() {
      const session = r.session;
      if (session) await ctx.write('session.close', (s) => s.identity.deleteSession(session.idHash));
      reply.header('set-cookie', auth.cookie('', null));
      if (r.principal && session)
        await ctx.audit(
          r.principal,
          { action: 'auth.logout', target: r.principal.userName, detail: {} },
          r.origin,
        );
    },
  };
}
