import type { ApiRoute } from './api-route.js';
import { findingRoutes } from './routes/findings-routes.js';
import { intelRoutes } from './routes/intel-routes.js';
import { pivotRoutes } from './routes/pivot-routes.js';
import { rowsRoutes } from './routes/rows-routes.js';
import { searchRoutes } from './routes/search-routes.js';

/**
 * Every REST endpoint under /api/v1, one module per resource. The server mounts this list, the
 * OpenAPI document describes it, and the API tests enumerate it: a new endpoint is a route in its
 * resource's module.
 */
export const apiRoutes: readonly ApiRoute[] = [
  ...findingRoutes,
  ...rowsRoutes,
  ...pivotRoutes,
  ...searchRoutes,
  ...intelRoutes,
];
