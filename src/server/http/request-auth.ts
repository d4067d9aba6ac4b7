import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionRecord } from '../../domain/identity.js';
import { type Principal, roleAllows } from '../../domain/identity.js';
import { ApiError } from '../api/api-error.js';
import type { ApiRoute } from '../api/api-route.js';
import type { AuthService } from '../auth/auth-service.js';
import { sameSecret } from '../auth/secrets.js';
import { sessionCookieName } from '../auth/session-exchange.js';

/** Who a request is, as the onRequest hook found it. */
export interface RequestAuth {
  readonly principal: Principal | null;
  readonly session: SessionRecord | null;
}

const found = new WeakMap<FastifyRequest, RequestAuth>();

/** The authentication of a request the hook has seen. */
export function requestAuth(req: FastifyRequest): RequestAuth {
  return found.get(req) ?? { principal: null, session: null };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** False when a browser says the request comes from another site (Origin or Sec-Fetch-Site). */
function sameOrigin(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The onRequest hook of a route: authenticates, then enforces the role and CSRF. Runs before the
 * body is read, so nobody unauthenticated makes the server parse or spool anything.
 */
const actorName = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The local CLI (the token of server.json, readable only by the server's OS user) may say which OS
 * user runs it, so the audit log reads `local:alice` rather than `local`. Nobody else may.
 */
function onBehalfOf(p: Principal, header: string | string[] | undefined): Principal {
  if (p.via !== 'local' || typeof header !== 'string' || !actorName.test(header)) return p;
  return { ...p, userName: `local:${header}` };
}

export function authHook(auth: AuthService, route: ApiRoute) {
  // Public routes outside auth/ (health, the OpenAPI document) never read who is asking: they skip
  // the store, so they answer at once even while a hunt holds it.
  const needless = route.role === 'public' && !route.tags.includes('auth');
  return async function authenticateRequest(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (needless) return;
    const result = await auth.authenticate({
      authorization: req.headers.authorization,
      sessionSecret: cookieValue(req.headers.cookie, sessionCookieName),
      host: req.headers.host,
      origin: req.ip,
    });
    if (result.ok)
      found.set(req, {
        principal: onBehalfOf(result.principal, req.headers['x-mamori-actor']),
        session: result.session,
      });
    if (route.role === 'public') return;
    if (!result.ok) {
      if (result.reason === 'rate-limited') {
        reply.header('retry-after', '60');
        throw new ApiError('rateLimited', result.message);
      }
      reply.header('www-authenticate', 'Bearer, Basic realm="mamori"');
      throw new ApiError('unauthorized', result.message);
    }
    if (!safeMethods.has(req.method)) {
      if (result.session) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameSecret(sent, result.session.csrfToken))
          throw new ApiError('csrf', 'missing or wrong X-CSRF-Token header (GET /api/v1/auth/me gives it)');
      } else if (result.principal.via === 'anonymous') {
        // No cookie to protect, but a page of another site must not act as the anonymous admin.
        const sent = req.headers['x-csrf-token'];
        const tokenOk = typeof sent === 'string' && sameSecret(sent, auth.anonymousCsrf);
        if (!tokenOk && !sameOrigin(req)) throw new ApiError('csrf', 'cross-site request refused');
      }
    }
    if (!roleAllows(result.principal.role, route.role))
      throw new ApiError('forbidden', `this needs the ${route.role} role; you are ${result.principal.role}`);
  };
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
