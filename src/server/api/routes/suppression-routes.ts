import { createRule, editRule, removeRule } from '../../../incidents/triage-actions.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { idParam, okBody, pageOf } from '../schemas/common-schemas.js';
import {
  suppressionCreateBody,
  suppressionListQuery,
  suppressionPatchBody,
  suppressionSchema,
} from '../schemas/suppression-schemas.js';
import { apiCall, auditAll, pageByOffset } from './triage-route-helpers.js';

const tags = ['suppressions'];

const listSuppressions = apiRoute({
  method: 'GET',
  path: '/suppressions',
  operationId: 'listSuppressions',
  summary: 'The suppressions later hunts apply (all=true: expired ones too), newest first',
  tags,
  role: 'viewer',
  query: suppressionListQuery,
  response: pageOf(suppressionSchema),
  handler: async ({ query, ctx }) =>
    pageByOffset(
      await ctx.read((store) =>
        store.triage.listSuppressions(query.all === 'true' ? {} : { activeAt: new Date() }),
      ),
      query,
    ),
});

const getSuppression = apiRoute({
  method: 'GET',
  path: '/suppressions/:id',
  operationId: 'getSuppression',
  summary: 'One suppression',
  tags,
  role: 'viewer',
  params: idParam,
  response: suppressionSchema,
  async handler({ params, ctx }) {
    const s = await ctx.read((store) => store.triage.getSuppression(params.id));
    if (!s) throw new ApiError('notFound', `no suppression ${params.id}`);
    return s;
  },
});

const createSuppression = apiRoute({
  method: 'POST',
  path: '/suppressions',
  operationId: 'createSuppression',
  summary: 'Add a suppression',
  tags,
  role: 'analyst',
  body: suppressionCreateBody,
  response: suppressionSchema,
  status: 201,
  async handler({ body, principal, ctx, origin }) {
    const at = new Date().toISOString();
    const out = await apiCall(() =>
      ctx.write('suppression', async (store) => {
        // A rule made from an incident names it by its current id.
        const incidentId = body.incidentId ? await store.triage.resolve(body.incidentId) : null;
        return createRule(
          store,
          {
            match:
              body.match.kind === 'ja3' ? { ...body.match, ja3: body.match.ja3.toLowerCase() } : body.match,
            scope: body.scope?.trim() || null,
            reason: body.reason,
            expiresAt: body.expiresAt ?? null,
            incidentId,
          },
          principal.userName,
          at,
        );
      }),
    );
    await auditAll(ctx, principal, origin, out.audits);
    ctx.requestHunt('suppression');
    return out.suppression;
  },
});

const patchSuppression = apiRoute({
  method: 'PATCH',
  path: '/suppressions/:id',
  operationId: 'updateSuppression',
  summary: 'Change a suppression’s match, scope, reason or expiry',
  tags,
  role: 'analyst',
  params: idParam,
  body: suppressionPatchBody,
  response: suppressionSchema,
  async handler({ params, body, principal, ctx, origin }) {
    const out = await apiCall(() =>
      ctx.write('suppression', (store) =>
        editRule(store, params.id, {
          ...(body.match !== undefined ? { match: body.match } : {}),
          ...(body.scope !== undefined ? { scope: body.scope?.trim() || null } : {}),
          ...(body.reason !== undefined ? { reason: body.reason } : {}),
          ...(body.expiresAt !== undefined ? { expiresAt: body.expiresAt } : {}),
        }),
      ),
    );
    await auditAll(ctx, principal, origin, out.audits);
    ctx.requestHunt('suppression');
    return out.suppression;
  },
});

const deleteSuppression = apiRoute({
  method: 'DELETE',
  path: '/suppressions/:id',
  operationId: 'deleteSuppression',
  summary: 'Remove a suppression',
  tags,
  role: 'analyst',
  params: idParam,
  response: okBody,
  async handler({ params, principal, ctx, origin }) {
    const out = await apiCall(() => ctx.write('suppression', (store) => removeRule(store, params.id)));
    await auditAll(ctx, principal, origin, out.audits);
    ctx.requestHunt('suppression');
    return { ok: true as const };
  },
});

/** The analysts' suppressions: list, read, add, edit, remove. */
export const suppressionRoutes = [
  listSuppressions,
  getSuppression,
  createSuppression,
  patchSuppression,
  deleteSuppression,
];
