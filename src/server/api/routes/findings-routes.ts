import { z } from 'zod';
import { pivotViews } from '../../../store/pivot/pivot-views-query.js';
import { findingById, listFindings } from '../../../store/pivot/stored-findings-query.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { decodeCursor, encodeCursor, idParam, pageOf } from '../schemas/common-schemas.js';
import { findingDetail, findingListItem, findingListQuery } from '../schemas/finding-schemas.js';
import { apiStoredFinding } from './api-shapes.js';

/** A findings cursor: the run it pages and the offset in it, so a new hunt never shifts a page. */
const findingCursor = z.object({ run: z.number().int(), offset: z.number().int().min(0) });

/** `GET /findings` and `GET /findings/:id`. */
export const findingRoutes = [
  apiRoute({
    method: 'GET',
    path: '/findings',
    operationId: 'listFindings',
    summary:
      "The latest hunt's findings, highest score first, filtered by detector, host, endpoint, severity, time or incident",
    tags: ['evidence'],
    role: 'viewer',
    query: findingListQuery,
    response: pageOf(findingListItem),
    async handler({ query, ctx }) {
      const cursor = query.cursor === undefined ? null : findingCursor.safeParse(decodeCursor(query.cursor));
      if (cursor && !cursor.success)
        throw new ApiError('badRequest', 'not a cursor of this list', 'query.cursor');
      return ctx.read(async (store) => {
        let ids: string[] | undefined;
        if (query.incident !== undefined) {
          const incident = await store.getIncident(query.incident);
          if (!incident) throw new ApiError('notFound', 'no incident has this id', 'query.incident');
          ids = incident.incident.findings.flatMap((f) => (f.id ? [f.id] : []));
        }
        const offset = cursor?.data.offset ?? 0;
        const { runId, items } = await listFindings(store.analytics, {
          runId: cursor?.data.run,
          detector: query.detector,
          host: query.host,
          endpoint: query.endpoint,
          severity: query.severity,
          from: query.from,
          to: query.to,
          ids,
          offset,
          limit: query.limit + 1,
        });
        const more = items.length > query.limit && runId !== null;
        return {
          items: items.slice(0, query.limit).map(apiStoredFinding),
          nextCursor: more ? encodeCursor({ run: runId, offset: offset + query.limit }) : null,
        };
      });
    },
  }),
  apiRoute({
    method: 'GET',
    path: '/findings/:id',
    operationId: 'getFinding',
    summary: 'One finding by id (from the latest hunt that stored it), with the incidents holding its host',
    tags: ['evidence'],
    role: 'viewer',
    params: idParam,
    response: findingDetail,
    async handler({ params, ctx }) {
      return ctx.read(async (store) => {
        const stored = await findingById(store.analytics, params.id);
        if (!stored) throw new ApiError('notFound', 'no stored finding has this id', 'params.id');
        const f = stored.finding;
        const incidents = (
          await pivotViews(store.analytics).incidentsWith(store.analytics, f.host, f.scope)
        ).filter((i) => i.as === 'host');
        return {
          ...apiStoredFinding(stored),
          incidents,
          rowsHref: `/api/v1/rows?finding=${encodeURIComponent(f.id ?? params.id)}`,
        };
      });
    },
  }),
];
