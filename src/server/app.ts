import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiRoute } from './api/api-route.js';
import { apiRoutes } from './api/routes.js';
import { type AuthOptions, AuthService } from './auth/auth-service.js';
import { sendError } from './http/error-reply.js';
import { mountRoute } from './http/mount-route.js';
import { uploadDir } from './http/upload-spool.js';
import { defaultWebRoot, serveWeb } from './http/web-static.js';
import type { ServerContext } from './server-context.js';

/** The Content-Security-Policy of every answer: nothing inline, nothing from elsewhere. */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** How to build the HTTP server. */
export interface BuildServerOptions {
  readonly auth: AuthOptions;
  /** TLS key pair (PEM); the server speaks HTTP without it. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer } | undefined;
  /** Default: every route of apiRoutes. */
  readonly routes?: readonly ApiRoute[];
  /** Mounted beside `routes`: tests add routes of their own here, never to apiRoutes. */
  readonly extraRoutes?: readonly ApiRoute[];
  /** The built UI; default dist/web of the package; null serves no UI. */
  readonly webRoot?: string | null;
}

/** The Fastify instance of `mamori serve`: the API under /api/v1, the UI, headers and limits. */
export async function buildServer(ctx: ServerContext, opts: BuildServerOptions): Promise<FastifyInstance> {
  const settings = ctx.config.server;
  const app = Fastify({
    logger: false,
    bodyLimit: settings.bodyLimitKb * 1024,
    // The client address is the socket's: a proxy in front would need trustProxy set on purpose.
    trustProxy: false,
    // Streams (SSE) must not keep a stopping server open.
    forceCloseConnections: true,
    ...(opts.tls ? { https: { cert: opts.tls.cert, key: opts.tls.key } } : {}),
  }) as unknown as FastifyInstance;
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.tls ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: settings.uploadLimitMb * 1024 * 1024,
      files: 1000,
      fields: 100,
      fieldSize: 64 * 1024,
    },
  });
  app.setErrorHandler(function onError(err, _req, reply) {
    return sendError(reply, err);
  });
  const auth = new AuthService(ctx, opts.auth);
  const deps = { ctx, auth, uploadDir: uploadDir(ctx.dataDir) };
  for (const route of [...(opts.routes ?? apiRoutes), ...(opts.extraRoutes ?? [])])
    mountRoute(app, route, deps);
  await serveWeb(app, opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot);
  return app;
}
