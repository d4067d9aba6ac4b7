import { roleAllows } from '../../../domain/identity.js';
import { createTokenFor } from '../../auth/token-admin.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { idParam, okBody, pageOf, pageQuery } from '../schemas/common-schemas.js';
import { apiTokenSchema, createTokenBody, createTokenReply, userName } from '../schemas/identity-schemas.js';
import { pageOfList } from './paging.js';

/** Principals without a user (the local CLI, anonymous mode) act on behalf of named users only. */
const hasUser = (via: string): boolean => via === 'session' || via === 'token';

/** API tokens for scripts: your own, or anyone's for admins. */
export const tokenRoutes = [
  apiRoute({
    method: 'GET',
    path: '/tokens',
    operationId: 'listTokens',
    summary: "List your API tokens (admins: anyone's, with ?user=)",
    tags: ['users'],
    role: 'viewer',
    query: pageQuery.extend({ user: userName.optional() }),
    response: pageOf(apiTokenSchema),
    handler: async (req) => {
      const p = req.principal;
      const all = await req.ctx.read(async (s) => {
        if (req.query.user !== undefined) {
          const u = await s.identity.getUserByName(req.query.user);
          if (!u) throw new ApiError('notFound', `no user ${req.query.user}`, 'query.user');
          if (u.id !== p.userId && !roleAllows(p.role, 'admin'))
            throw new ApiError('forbidden', "only admins list others' tokens");
          return s.identity.listTokens(u.id);
        }
        return hasUser(p.via) ? s.identity.listTokens(p.userId) : s.identity.listTokens();
      });
      return pageOfList(all, req.query.cursor, req.query.limit);
    },
  }),
  apiRoute({
    method: 'POST',
    path: '/tokens',
    operationId: 'createToken',
    summary: 'Create an API token; the secret is in this answer only',
    tags: ['users'],
    role: 'viewer',
    body: createTokenBody,
    response: createTokenReply,
    status: 201,
    handler: async (req) => {
      const p = req.principal;
      const b = req.body;
      const name = b.user ?? (hasUser(p.via) ? p.userName : undefined);
      if (name === undefined)
        throw new ApiError('badRequest', 'body.user: name the user the token is for', 'body.user');
      const { token, secret, owner } = await req.ctx.write('token.create', (s) =>
        createTokenFor(s.identity, p, {
          userName: name,
          label: b.label,
          role: b.role,
          expiresAt: b.expiresAt,
        }),
      );
      await req.ctx.audit(
        p,
        {
          action: 'token.create',
          target: owner,
          detail: { id: token.id, label: token.label, role: token.role, expiresAt: token.expiresAt },
        },
        req.origin,
      );
      return { token, secret };
    },
  }),
  apiRoute({
    method: 'DELETE',
    path: '/tokens/:id',
    operationId: 'revokeToken',
    summary: "Revoke an API token (your own; admins: anyone's)",
    tags: ['users'],
    role: 'viewer',
    params: idParam,
    response: okBody,
    handler: async (req) => {
      const p = req.principal;
      const token = await req.ctx.write('token.revoke', async (s) => {
        const t = (await s.identity.listTokens()).find((x) => x.id === req.params.id);
        if (!t || (t.userId !== p.userId && !roleAllows(p.role, 'admin')))
          throw new ApiError('notFound', `no live token ${req.params.id}`, 'params.id');
        await s.identity.revokeToken(t.id);
        return t;
      });
      await req.ctx.audit(
        p,
        { action: 'token.revoke', target: token.id, detail: { userId: token.userId, label: token.label } },
        req.origin,
      );
      return { ok: true as const };
    },
  }),
];
