import { z } from 'zod';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { pageOf, pageQuery } from '../schemas/common-schemas.js';
import { organisationSchema } from '../schemas/identity-schemas.js';
import { pageOfList } from './paging.js';

/** Organisations: the home team and partners (TAXII grants access per organisation). */
export const organisationRoutes = [
  apiRoute({
    method: 'GET',
    path: '/organisations',
    operationId: 'listOrganisations',
    summary: 'List organisations',
    tags: ['users'],
    role: 'viewer',
    query: pageQuery,
    response: pageOf(organisationSchema),
    handler: async (req) => {
      const all = await req.ctx.read((s) => s.identity.listOrganisations());
      return pageOfList(all, req.query.cursor, req.query.limit);
    },
  }),
  apiRoute({
    method: 'POST',
    path: '/organisations',
    operationId: 'createOrganisation',
    summary: 'Create an organisation',
    tags: ['users'],
    role: 'admin',
    body: z.object({ name: z.string().trim().min(1).max(100) }),
    response: organisationSchema,
    status: 201,
    handler: async (req) => {
      const org = await req.ctx.write('organisation.create', async (s) => {
        if (await s.identity.getOrganisationByName(req.body.name))
          throw new ApiError('conflict', `organisation ${req.body.name} exists already`, 'body.name');
        return s.identity.createOrganisation(req.body.name);
      });
      await req.ctx.audit(
        req.principal,
        { action: 'organisation.create', target: org.name, detail: { id: org.id } },
        req.origin,
      );
      return org;
    },
  }),
];
