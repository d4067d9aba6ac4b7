import { schemaVersion } from '../../../store/duckdb/duckdb-schema.js';
import { mamoriVersion } from '../../../version.js';
import { apiRoute } from '../api-route.js';
import { healthReply } from '../schemas/identity-schemas.js';

/** Liveness for load balancers and the CLI: no login, no store access. */
export const healthRoutes = [
  apiRoute({
    method: 'GET',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Liveness: the version and store schema version',
    tags: ['server'],
    role: 'public',
    response: healthReply,
    handler: async () => ({ ok: true as const, version: mamoriVersion, schemaVersion }),
  }),
];
