import type { ApiRoute } from './api-route.js';
import { eventRoutes } from './routes/event-routes.js';
import { huntRoutes } from './routes/hunt-routes.js';
import { ingestRoutes } from './routes/ingest-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { settingsRoutes } from './routes/settings-routes.js';
import { storeRoutes } from './routes/store-routes.js';

/**
 * Every REST endpoint under /api/v1, one module per resource. The server mounts this list, the
 * OpenAPI document describes it, and the API tests enumerate it: a new endpoint is a route in its
 * resource's module.
 */
export const apiRoutes: readonly ApiRoute[] = [
  ...ingestRoutes,
  ...eventRoutes,
  ...huntRoutes,
  ...reportRoutes,
  ...settingsRoutes,
  ...storeRoutes,
];
