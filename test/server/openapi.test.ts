import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/server/api/routes.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { startTestServer, type TestServer } from './server-harness.js';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId: string; 'x-mamori-role': string; responses: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

describe('15.5: the OpenAPI document', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ users: [{ name: 'ann', role: 'admin', password: 'x' }] });
  });
  afterAll(() => t.close());

  it('15.5: is public at /api/v1/openapi.json, OpenAPI 3.1, with every route and unique operationIds', async () => {
    const r = await fetch(`${t.api}/openapi.json`);
    expect(r.status).toBe(200);
    const doc = JSON.parse(await r.text()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const ids: string[] = [];
    for (const route of apiRoutes) {
      const path = `/api/v1${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${path}`).toBeDefined();
      expect(op?.operationId).toBe(route.operationId);
      expect(op?.['x-mamori-role']).toBe(route.role);
      ids.push(route.operationId);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['basic', 'bearer', 'session']);
    expect(doc.components.schemas).toHaveProperty('Error');
    expect(doc.components.schemas).toHaveProperty('User');
    expect(doc.paths['/api/v1/users']?.['get']?.responses['403']).toEqual({
      description: expect.any(String),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
  });

  it('15.5: the answers of the core parameterless GET routes match their response schemas', async () => {
    const { cookie } = await t.login('ann', 'x');
    // The core's routes (streams such as /events would never end).
    const core = apiRoutes.filter((r) => r.tags.some((tag) => ['auth', 'users', 'server'].includes(tag)));
    for (const route of core.filter((r) => r.method === 'GET' && !r.path.includes(':'))) {
      const r = await fetch(`${t.api}${route.path}`, { headers: { cookie } });
      if (r.status === 200 && (r.headers.get('content-type') ?? '').includes('application/json')) {
        const parsed = route.response.safeParse(await r.json());
        expect(parsed.success, `${route.path}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it('15.5: every $ref points at a component that exists', () => {
    const doc = openApiDocument(apiRoutes) as unknown as Doc;
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.replace(/^"\$ref":"#\/components\/schemas\//, '').replace(/"$/, '');
      expect(doc.components.schemas, ref).toHaveProperty(name);
    }
  });
});
