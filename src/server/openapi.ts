import { z } from 'zod';
import { mamoriVersion } from '../version.js';
import type { ApiRoute } from './api/api-route.js';
import { errorBody } from './api/schemas/common-schemas.js';
import { apiPrefix } from './http/mount-route.js';

type Json = Record<string, unknown>;

/** Collects named schemas (`.meta({ id })`) as components, the same id twice only when identical. */
class Components {
  readonly schemas: Record<string, Json> = {};

  /** A zod schema as JSON Schema whose named parts are `$ref`s to components. */
  add(schema: z.ZodType, io: 'input' | 'output'): Json {
    const js = z.toJSONSchema(schema, { unrepresentable: 'any', io }) as Json;
    const defs = (js['$defs'] ?? {}) as Record<string, Json>;
    const same = Object.fromEntries(Object.keys(defs).map((id) => [id, id]));
    const names: Record<string, string> = {};
    for (const [id, def] of Object.entries(defs)) {
      const text = JSON.stringify(rewrite(def, same));
      // A schema with defaults reads differently as a request (optional) and as an answer (present).
      names[id] = this.schemas[id] && JSON.stringify(this.schemas[id]) !== text ? `${id}Input` : id;
    }
    for (const [id, def] of Object.entries(defs))
      this.schemas[names[id] as string] = rewrite(def, names) as Json;
    const { $defs: _defs, $schema: _schema, ...rest } = js;
    return rewrite(rest, names) as Json;
  }
}

function rewrite(v: unknown, names: Record<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => rewrite(x, names));
  if (v === null || typeof v !== 'object') return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v as Json)) {
    if (k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/')) {
      const id = x.slice('#/$defs/'.length);
      out[k] = `#/components/schemas/${names[id] ?? id}`;
    } else out[k] = rewrite(x, names);
  }
  return out;
}

/** Path parameters and query fields as OpenAPI parameters. */
function parameters(c: Components, schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const js = c.add(schema, 'input');
  const props = (js['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((js['required'] ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
    schema: s,
  }));
}

const errorStatuses: Record<string, string> = {
  '400': 'Bad request: a parameter or body field is invalid (`field` names it)',
  '401': 'Not logged in, or unknown credentials',
  '403': 'Role too low, or CSRF token missing',
  '404': 'Not found',
  '413': 'Body or upload too large',
  '429': 'Too many failed logins',
  '500': 'Internal error',
};

function operation(c: Components, r: ApiRoute, errorRef: Json): Json {
  const status = String(r.status ?? 200);
  const content = r.produces
    ? { [r.produces]: { schema: c.add(r.response, 'output') } }
    : { 'application/json': { schema: c.add(r.response, 'output') } };
  const responses: Json = { [status]: { description: r.summary, ...(status === '204' ? {} : { content }) } };
  for (const [code, description] of Object.entries(errorStatuses)) {
    if (r.role === 'public' && (code === '401' || code === '403')) continue;
    responses[code] = { description, content: { 'application/json': { schema: errorRef } } };
  }
  const op: Json = {
    operationId: r.operationId,
    summary: r.summary,
    tags: [...r.tags],
    description: r.role === 'public' ? 'No login needed.' : `Needs the ${r.role} role or higher.`,
    'x-mamori-role': r.role,
    parameters: [...parameters(c, r.params, 'path'), ...parameters(c, r.query, 'query')],
    responses,
  };
  if (r.role === 'public') op['security'] = [];
  if (r.upload) {
    const fields = r.body ? c.add(r.body, 'input') : { type: 'object', properties: {} };
    const props = {
      ...((fields['properties'] ?? {}) as Json),
      files: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } },
    };
    op['requestBody'] = {
      required: true,
      content: {
        'multipart/form-data': { schema: { ...fields, properties: props } },
        ...(r.body ? { 'application/json': { schema: c.add(r.body, 'input') } } : {}),
      },
    };
  } else if (r.body) {
    op['requestBody'] = {
      required: true,
      content: { 'application/json': { schema: c.add(r.body, 'input') } },
    };
  }
  return op;
}

/** The OpenAPI 3.1 document of a route list, generated from the routes' zod schemas. */
export function openApiDocument(routes: readonly ApiRoute[]): Json {
  const c = new Components();
  const errorRef = c.add(errorBody, 'output');
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const path = `${apiPrefix}${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    paths[path] ??= {};
    (paths[path] as Json)[r.method.toLowerCase()] = operation(c, r, errorRef);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'mamori',
      version: mamoriVersion,
      description:
        'The mamori team server API. Lists are cursor-paginated ({items, nextCursor}); errors are {error: {code, message, field?}} with stable codes. Browser sessions send X-CSRF-Token (from GET /auth/me) on every write.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { bearer: [] }, { basic: [] }],
    paths,
    components: {
      schemas: c.schemas,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'mamori_session',
          description: 'From POST /api/v1/auth/login',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (mam_…), or the local token of server.json',
        },
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'A user name with its password or one of its API tokens',
        },
      },
    },
  };
}
