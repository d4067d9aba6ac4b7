import { z } from 'zod';
import { apiRoute } from '../api-route.js';

// The routes do not change while the process runs: the document is built once.
let cached: Record<string, unknown> | null = null;

/** The OpenAPI document of this API (public: clients generate code from it). */
export const openapiRoutes = [
  apiRoute({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['server'],
    role: 'public',
    response: z.record(z.string(), z.unknown()),
    handler: async () => {
      // Imported when asked, since the document describes the route list this module is part of.
      if (!cached) {
        const { openApiDocument } = await import('../../openapi.js');
        const { apiRoutes } = await import('../routes.js');
        cached = openApiDocument(apiRoutes);
      }
      return cached;
    },
  }),
];
