import { z } from 'zod';
import { pivotViews } from '../../../store/pivot/pivot-views-query.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { decodeCursor, encodeCursor, idParam } from '../schemas/common-schemas.js';
import { entityListQuery, entityPage, entityProfile, indicatorLookup } from '../schemas/intel-schemas.js';
import { apiIndicatorHits } from './api-shapes.js';
import { intelHits, valueTarget } from './value-kind.js';

const offsetCursor = z.object({ offset: z.number().int().min(0).max(100_000) });
const indicatorsPerPage = 100;
const mutable = <T>(list: readonly T[]): T[] => [...list];

/** `GET /intel/entities`, `GET /intel/entities/:id` and `GET /intel/indicators/:value`. */
export const intelRoutes = [
  apiRoute({
    method: 'GET',
    path: '/intel/entities',
    operationId: 'listIntelEntities',
    summary:
      'Knowledge-base entities (actors, malware, tools, campaigns, techniques) by name, alias or ATT&CK id',
    tags: ['intel'],
    role: 'viewer',
    query: entityListQuery,
    response: entityPage,
    async handler({ query, ctx }) {
      const cursor = query.cursor === undefined ? null : offsetCursor.safeParse(decodeCursor(query.cursor));
      if (cursor && !cursor.success)
        throw new ApiError('badRequest', 'not a cursor of this list', 'query.cursor');
      const offset = cursor?.data.offset ?? 0;
      // findEntities ranks exact matches first; a page is a slice of its answer.
      const found = await ctx.read((store) =>
        store.intel.findEntities(query.q, { limit: offset + query.limit + 1 + (query.type ? 1000 : 0) }),
      );
      const typed = query.type ? found.filter((e) => e.type === query.type) : found;
      const page = typed.slice(offset, offset + query.limit);
      return {
        items: page.map((e) => ({ ...e, attackIds: mutable(e.attackIds), aliases: mutable(e.aliases) })),
        nextCursor:
          typed.length > offset + query.limit ? encodeCursor({ offset: offset + query.limit }) : null,
      };
    },
  }),
  apiRoute({
    method: 'GET',
    path: '/intel/entities/:id',
    operationId: 'getIntelEntity',
    summary:
      "An entity's profile: aliases, malware, techniques with names, indicators (first page), reports and sightings in our telemetry",
    tags: ['intel'],
    role: 'viewer',
    params: idParam,
    query: z.object({
      indicatorsCursor: z.string().max(512).optional().describe('nextCursor of the indicators page'),
    }),
    response: entityProfile,
    async handler({ params, query, ctx }) {
      const cursor =
        query.indicatorsCursor === undefined
          ? null
          : offsetCursor.safeParse(decodeCursor(query.indicatorsCursor));
      if (cursor && !cursor.success)
        throw new ApiError('badRequest', 'not a cursor of this list', 'query.indicatorsCursor');
      const offset = cursor?.data.offset ?? 0;
      return ctx.read(async (store) => {
        const d = await store.intel.entityDetail(params.id);
        if (!d) throw new ApiError('notFound', 'no knowledge-base entity has this id', 'params.id');
        const s = store.analytics;
        const views = pivotViews(s);
        const indicators = await views.entityIndicators(s, d.id, { offset, limit: indicatorsPerPage });
        const link = (l: (typeof d.outgoing)[number]) => ({
          ...l,
          attackIds: mutable(l.attackIds),
          sources: mutable(l.sources),
        });
        const uses = d.outgoing.filter((l) => l.relationship === 'uses');
        return {
          id: d.id,
          type: d.type,
          name: d.name,
          aliases: mutable(d.aliases),
          attackIds: mutable(d.attackIds),
          country: d.country,
          description: d.description,
          revoked: d.revoked,
          deprecated: d.deprecated,
          sources: mutable(d.sources),
          malware: uses.filter((l) => l.type === 'malware' || l.type === 'tool').map(link),
          techniques: uses
            .filter((l) => l.type === 'attack-pattern')
            .map((l) => ({ id: l.attackIds[0] ?? l.id, name: l.name, entityId: l.id }))
            .sort((a, b) => a.id.localeCompare(b.id)),
          related: [...d.outgoing, ...d.incoming]
            .filter((l) => !(uses.includes(l) && ['malware', 'tool', 'attack-pattern'].includes(l.type)))
            .map(link),
          indicators: {
            items: indicators.items,
            total: indicators.total,
            nextCursor:
              indicators.total > offset + indicatorsPerPage
                ? encodeCursor({ offset: offset + indicatorsPerPage })
                : null,
          },
          indicatorsBySource: d.indicatorsBySource.map((x) => ({ ...x })),
          reports: d.reports.map((r) => ({ ...r })),
          sightings: await views.entitySightings(s, d.id, 100),
        };
      });
    },
  }),
  apiRoute({
    method: 'GET',
    path: '/intel/indicators/:value',
    operationId: 'getIntelIndicator',
    summary:
      'What the knowledge base says about a value (and listed parent domains or CIDRs), its warninglists, and when we saw it',
    tags: ['intel'],
    role: 'viewer',
    params: z.object({ value: z.string().min(1).max(2000) }),
    response: indicatorLookup,
    async handler({ params, ctx }) {
      const t = valueTarget(params.value);
      if (!t.indicatorType) throw new ApiError('badRequest', 'not an indicator value', 'params.value');
      return ctx.read(async (store) => {
        const lists = await store.intel.warninglistsOf([t.value], { context: true });
        return {
          query: { type: t.indicatorType ?? t.kind, value: t.value },
          hits: apiIndicatorHits(await intelHits(store, t)),
          warninglists: lists.get(t.value) ?? [],
          sighting: await pivotViews(store.analytics).valueSighting(store.analytics, t.value),
        };
      });
    },
  }),
];
