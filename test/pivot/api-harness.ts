// Calls the evidence routes' handlers directly, as the server would after validating the request:
// params and query parsed by the route's schemas, JSON answers parsed by its response schema.
import type { MamoriConfig } from '../../src/config/config-schema.js';
import type { Principal } from '../../src/domain/identity.js';
import { type ApiRoute, isRawReply, type RawReply } from '../../src/server/api/api-route.js';
import { apiRoutes } from '../../src/server/api/routes.js';
import type { ServerContext } from '../../src/server/server-context.js';
import type { Store } from '../../src/store/store.js';

/** A ServerContext over one open store: reads and writes run straight on it. */
export function fakeContext(store: Store, dataDir: string): ServerContext {
  return {
    dataDir,
    config: {} as MamoriConfig,
    read: (fn) => fn(store),
    write: (_label, fn) => fn(store),
    events: { emit: () => {}, on: () => () => {} },
    audit: async () => {},
    requestHunt: () => {},
  };
}

const viewer: Principal = { userId: 'u1', userName: 'viewer', orgId: 'o1', role: 'viewer', via: 'local' };

/** The route with this operationId. */
export function routeOf(operationId: string): ApiRoute {
  const r = apiRoutes.find((x) => x.operationId === operationId);
  if (!r) throw new Error(`no route ${operationId}`);
  return r;
}

/**
 * Calls a route's handler with raw (string) params and query. JSON answers are parsed by the
 * response schema (a mismatch throws) and returned; raw replies are returned as they are.
 */
export async function call(
  ctx: ServerContext,
  operationId: string,
  req: { params?: Record<string, string>; query?: Record<string, string> } = {},
): Promise<unknown> {
  const route = routeOf(operationId);
  const params = route.params ? route.params.parse(req.params ?? {}) : undefined;
  const query = route.query ? route.query.parse(req.query ?? {}) : undefined;
  const out = await route.handler({
    params,
    query,
    body: undefined,
    principal: viewer,
    ctx,
    origin: '127.0.0.1',
    files: [],
    signal: new AbortController().signal,
  } as never);
  if (isRawReply(out)) return out;
  // Round-trip through JSON as the server sends it, then check the schema the document promises.
  const json = JSON.parse(JSON.stringify(out)) as unknown;
  route.response.parse(json);
  return json;
}

/** A raw reply's text. */
export function rawText(r: unknown): RawReply & { body: string } {
  if (!isRawReply(r) || typeof r.body !== 'string') throw new Error('expected a raw text reply');
  return r as RawReply & { body: string };
}
