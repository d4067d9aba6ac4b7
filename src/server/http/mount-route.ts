import { rmSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ApiError } from '../api/api-error.js';
import { type ApiRoute, isRawReply, type UploadedFile } from '../api/api-route.js';
import type { AuthService } from '../auth/auth-service.js';
import { sessionExchange } from '../auth/exchange.js';
import type { ServerContext } from '../server-context.js';
import { authHook, requestAuth } from './request-auth.js';
import { spoolUploads } from './upload-spool.js';

/** Prefix of every API route. */
export const apiPrefix = '/api/v1';

/** Validates one part of a request; a failure names the field (`query.limit`). */
function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.length ? `${where}.${issue.path.map(String).join('.')}` : where;
  throw new ApiError('badRequest', `${path}: ${issue?.message ?? 'invalid'}`, path);
}

/** Aborted when the client goes away before the answer is complete. */
function clientSignal(reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) ac.abort();
  });
  return ac.signal;
}

/** Mounts one API route: auth and role (onRequest), validation, the handler, the answer. */
export function mountRoute(
  app: FastifyInstance,
  route: ApiRoute,
  deps: { readonly ctx: ServerContext; readonly auth: AuthService; readonly uploadDir: string },
): void {
  app.route({
    method: route.method,
    url: `${apiPrefix}${route.path}`,
    onRequest: authHook(deps.auth, route),
    handler: async function handleApiRoute(req: FastifyRequest, reply: FastifyReply) {
      const { principal, session } = requestAuth(req);
      const params = parsePart(route.params, req.params, 'params');
      const query = parsePart(route.query, req.query, 'query');
      let files: UploadedFile[] = [];
      let rawBody: unknown = req.body;
      // A form post needs no CORS preflight: routes that take no files refuse it outright.
      if (!route.upload && req.isMultipart())
        throw new ApiError('unsupportedMedia', 'this endpoint takes JSON (Content-Type: application/json)');
      // Fastify parses text/plain too; a JSON API takes JSON (a plain-text post needs no preflight).
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (req.body !== undefined && !req.isMultipart() && type !== 'application/json')
        throw new ApiError('unsupportedMedia', 'this endpoint takes JSON (Content-Type: application/json)');
      if (route.upload && req.isMultipart()) {
        const spooled = await spoolUploads(req, deps.uploadDir);
        files = spooled.files;
        rawBody = spooled.fields;
      }
      try {
        const body = parsePart(route.body, rawBody ?? {}, 'body');
        const result = await route.handler({
          params,
          query,
          body,
          // Public routes may be called by nobody; they must not read who.
          principal: principal ?? { userId: '', userName: '', orgId: '', role: 'viewer', via: 'anonymous' },
          ctx: deps.ctx,
          origin: req.ip,
          files,
          signal: clientSignal(reply),
          session: sessionExchange(deps.auth, deps.ctx, reply, { session, principal, origin: req.ip }),
        } as Parameters<ApiRoute['handler']>[0]);
        if (isRawReply(result)) {
          reply.code(result.status ?? route.status ?? 200).type(result.contentType);
          for (const [k, v] of Object.entries(result.headers ?? {})) reply.header(k, v);
          return reply.send(result.body);
        }
        reply.code(route.status ?? 200);
        return route.status === 204
          ? reply.send()
          : reply.type('application/json; charset=utf-8').send(result);
      } catch (err) {
        // Uploads the handler did not take on are removed; a handler that queues them keeps them.
        for (const f of files) rmSync(f.path, { force: true });
        throw err;
      }
    },
  });
}
