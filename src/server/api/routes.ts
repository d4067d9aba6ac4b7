import type { ApiRoute } from './api-route.js';
import { incidentRoutes } from './routes/incident-routes.js';
import { suppressionRoutes } from './routes/suppression-routes.js';

/**
 * Every REST endpoint under /api/v1, one module per resource. The server mounts this list, the
 * OpenAPI document describes it, and the API tests enumerate it: a new endpoint is a route in its
 * resource's module.
 */
export const apiRoutes: readonly ApiRoute[] = [...incidentRoutes, ...suppressionRoutes];
