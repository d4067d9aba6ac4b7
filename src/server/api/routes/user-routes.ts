import { addUser, changeUser } from '../../auth/user-admin.js';
import { apiRoute } from '../api-route.js';
import { idParam, pageOf, pageQuery } from '../schemas/common-schemas.js';
import { createUserBody, patchUserBody, userSchema } from '../schemas/identity-schemas.js';
import { pageOfList } from './paging.js';

/** Users (admins): list, add, change role, organisation, password, or disable. */
export const userRoutes = [
  apiRoute({
    method: 'GET',
    path: '/users',
    operationId: 'listUsers',
    summary: 'List users',
    tags: ['users'],
    role: 'admin',
    query: pageQuery,
    response: pageOf(userSchema),
    handler: async (req) => {
      const all = await req.ctx.read((s) => s.identity.listUsers());
      return pageOfList(all, req.query.cursor, req.query.limit);
    },
  }),
  apiRoute({
    method: 'POST',
    path: '/users',
    operationId: 'createUser',
    summary: 'Add a user (the organisation is created when missing; default home)',
    tags: ['users'],
    role: 'admin',
    body: createUserBody,
    response: userSchema,
    status: 201,
    handler: async (req) => {
      const user = await req.ctx.write('user.create', (s) => addUser(s.identity, req.body));
      await req.ctx.audit(
        req.principal,
        {
          action: 'user.create',
          target: user.name,
          detail: { role: user.role, orgId: user.orgId, password: req.body.password !== undefined },
        },
        req.origin,
      );
      return user;
    },
  }),
  apiRoute({
    method: 'PATCH',
    path: '/users/:id',
    operationId: 'updateUser',
    summary: 'Change a user: display name, role, organisation, password, disabled',
    tags: ['users'],
    role: 'admin',
    params: idParam,
    body: patchUserBody,
    response: userSchema,
    handler: async (req) => {
      const { user, change } = await req.ctx.write('user.update', (s) =>
        changeUser(s.identity, req.params.id, req.body),
      );
      if (Object.keys(change).length)
        await req.ctx.audit(
          req.principal,
          { action: 'user.update', target: user.name, detail: change },
          req.origin,
        );
      return user;
    },
  }),
];
