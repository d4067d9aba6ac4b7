import { z } from 'zod';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { decodeCursor, encodeCursor, pageOf, pageQuery } from '../schemas/common-schemas.js';
import { auditEntrySchema } from '../schemas/identity-schemas.js';

const auditQuery = pageQuery.extend({
  actor: z.string().max(200).optional(),
  target: z.string().max(200).optional(),
  /** Prefix: `incident.` lists every incident change. */
  action: z.string().max(200).optional(),
});

/** The audit log, newest first (admins). */
export const auditRoutes = [
  apiRoute({
    method: 'GET',
    path: '/audit',
    operationId: 'listAudit',
    summary: 'The audit log, newest first, filtered by actor, target or action prefix',
    tags: ['users'],
    role: 'admin',
    query: auditQuery,
    response: pageOf(auditEntrySchema),
    handler: async (req) => {
      const q = req.query;
      const before = decodeCursor(q.cursor);
      if (q.cursor && (typeof before !== 'number' || !Number.isInteger(before)))
        throw new ApiError('badRequest', 'query.cursor: not a cursor of the audit log', 'query.cursor');
      const rows = await req.ctx.read((s) =>
        s.identity.listAudit({
          limit: q.limit + 1,
          ...(typeof before === 'number' ? { before } : {}),
          ...(q.actor !== undefined ? { actor: q.actor } : {}),
          ...(q.target !== undefined ? { target: q.target } : {}),
          ...(q.action !== undefined ? { action: q.action } : {}),
        }),
      );
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
    },
  }),
];
