import { pivotViews } from '../../../store/pivot/pivot-views-query.js';
import { scopeSensorList } from '../../../store/pivot/rows-pivot.js';
import { apiRoute } from '../api-route.js';
import { searchQuery, searchResult } from '../schemas/search-schemas.js';
import { apiIndicatorHits } from './api-shapes.js';
import { intelHits, valueTarget } from './value-kind.js';

/** `GET /search?q=`: one value across the telemetry and the knowledge base, grouped. */
export const searchRoutes = [
  apiRoute({
    method: 'GET',
    path: '/search',
    operationId: 'search',
    summary:
      'Find an IP, CIDR, domain, file hash, JA3 or JA4 in the telemetry (per table and field) and in the knowledge base',
    tags: ['evidence'],
    role: 'viewer',
    query: searchQuery,
    response: searchResult,
    async handler({ query, ctx }) {
      const t = valueTarget(query.q);
      const sensors = scopeSensorList(query.scope);
      return ctx.read(async (store) => {
        const s = store.analytics;
        const views = pivotViews(s);
        const telemetry = await views.telemetryHits(
          s,
          { kind: t.kind, value: t.value, ...(t.range ? { range: t.range } : {}) },
          sensors,
        );
        const addresses = t.kind === 'cidr' && t.range ? await views.addressesIn(s, t.range, 100) : [];
        const entities = t.kind === 'text' ? await store.intel.findEntities(t.value, { limit: 20 }) : [];
        // A CIDR has no single row pivot; every other value does (as an indicator).
        const rowsHref =
          t.kind === 'cidr' || telemetry.length === 0
            ? null
            : `/api/v1/rows?indicator=${encodeURIComponent(t.value)}${query.scope ? `&scope=${encodeURIComponent(query.scope)}` : ''}`;
        return {
          query: { kind: t.kind, value: t.value },
          telemetry,
          addresses,
          intel: apiIndicatorHits(await intelHits(store, t)),
          entities: entities.map((e) => ({ ...e, attackIds: [...e.attackIds], aliases: [...e.aliases] })),
          rowsHref,
        };
      });
    },
  }),
];
