import { publicUserOf } from '../../auth/public-user.js';
import type { SessionExchange } from '../../auth/session-exchange.js';
import { ApiError } from '../api-error.js';
import { type ApiRequest, apiRoute } from '../api-route.js';
import { okBody } from '../schemas/common-schemas.js';
import { loginBody, loginReply, meReply } from '../schemas/identity-schemas.js';

function exchange(req: ApiRequest<unknown, unknown, unknown>): SessionExchange {
  if (!req.session) throw new ApiError('internal', 'no session exchange on this request');
  return req.session;
}

/** Login, logout and who am I: the browser's session. */
export const authRoutes = [
  apiRoute({
    method: 'POST',
    path: '/auth/login',
    operationId: 'login',
    summary: 'Log in with a name and password: sets the session cookie and returns the CSRF token',
    tags: ['auth'],
    role: 'public',
    body: loginBody,
    response: loginReply,
    handler: (req) => exchange(req).login(req.body.name, req.body.password),
  }),
  apiRoute({
    method: 'POST',
    path: '/auth/logout',
    operationId: 'logout',
    summary: 'End the session and clear its cookie',
    tags: ['auth'],
    role: 'public',
    response: okBody,
    handler: async (req) => {
      await exchange(req).logout();
      return { ok: true as const };
    },
  }),
  apiRoute({
    method: 'GET',
    path: '/auth/me',
    operationId: 'getMe',
    summary: 'Who the request acts as, the CSRF token for writes, and whether login is required',
    tags: ['auth'],
    role: 'public',
    response: meReply,
    handler: async (req) => {
      const s = exchange(req);
      const p = req.principal;
      const known = p.userId !== '';
      const user =
        known && (p.via === 'session' || p.via === 'token')
          ? await req.ctx.read((store) => store.identity.getUser(p.userId))
          : null;
      return {
        user: user ? publicUserOf(user) : null,
        role: known ? p.role : null,
        via: known ? p.via : null,
        csrfToken: s.csrfToken,
        authRequired: s.authRequired,
      };
    },
  }),
];
