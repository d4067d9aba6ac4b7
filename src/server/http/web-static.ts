import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error.js';
import { sendError } from './error-reply.js';

/** The built UI: `dist/web` of the package (this file is src/server/http or dist/server/http). */
export function defaultWebRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'web');
}

// Static text only: no script, no style, nothing from the request (the CSP forbids inline code anyway).
const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mamori</title></head>
<body><h1>mamori</h1>
<p>The web UI is not built. In the mamori source folder, run <code>npm run build</code> and restart
<code>mamori serve</code>.</p>
<p>The API answers meanwhile: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</body></html>
`;

/**
 * Serves the built UI with a single-page fallback (any non-API GET gets index.html), or a page saying
 * how to build it. Unknown API paths answer 404 JSON.
 */
export async function serveWeb(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const built = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (built)
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: 'index.html' });
  app.setNotFoundHandler(function notFound(req: FastifyRequest, reply: FastifyReply) {
    const path = req.url.split('?')[0] ?? '';
    const page =
      (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api';
    if (!page)
      return sendError(
        reply,
        new ApiError('notFound', `no such endpoint: ${req.method} ${path.slice(0, 200)}`),
      );
    if (built) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.type('text/html; charset=utf-8').send(notBuiltPage);
  });
}
