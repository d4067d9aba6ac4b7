import type { ApiRoute } from './api-route.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { findingRoutes } from './routes/findings-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { huntRoutes } from './routes/hunt-routes.js';
import { incidentRoutes } from './routes/incident-routes.js';
import { ingestRoutes } from './routes/ingest-routes.js';
import { intelRoutes } from './routes/intel-routes.js';
import { openapiRoutes } from './routes/openapi-routes.js';
import { organisationRoutes } from './routes/organisation-routes.js';
import { pivotRoutes } from './routes/pivot-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { rowsRoutes } from './routes/rows-routes.js';
import { searchRoutes } from './routes/search-routes.js';
import { settingsRoutes } from './routes/settings-routes.js';
import { storeRoutes } from './routes/store-routes.js';
import { suppressionRoutes } from './routes/suppression-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { userRoutes } from './routes/user-routes.js';

/**
 * Every REST endpoint under /api/v1, one module per resource. The server mounts this list, the
 * OpenAPI document describes it, and the API tests enumerate it: a new endpoint is a route in its
 * resource's module.
 */
export const apiRoutes: readonly ApiRoute[] = [
  ...authRoutes,
  ...userRoutes,
  ...tokenRoutes,
  ...organisationRoutes,
  ...auditRoutes,
  ...healthRoutes,
  ...openapiRoutes,
  ...findingRoutes,
  ...rowsRoutes,
  ...pivotRoutes,
  ...searchRoutes,
  ...intelRoutes,
  ...incidentRoutes,
  ...suppressionRoutes,
  ...ingestRoutes,
  ...eventRoutes,
  ...huntRoutes,
  ...reportRoutes,
  ...settingsRoutes,
  ...storeRoutes,
];
