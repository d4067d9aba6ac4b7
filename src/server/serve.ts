import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { MamoriConfig } from '../config/config-schema.js';
import { errorCodes, MamoriError, messageOf } from '../errors.js';
import { log } from '../log.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { ApiRoute } from './api/api-route.js';
import { buildServer } from './app.js';
import { isLoopbackHost } from './auth/loopback.js';
import { newSecret } from './auth/secrets.js';
import { backgroundTasks } from './background-tasks.js';
import type { ServerContext } from './server-context.js';
import { createServerContext } from './server-context-impl.js';
import { readServerFile, removeServerFile, writeServerFile } from './server-file.js';

/** What `mamori serve` starts with. */
export interface StartServerOptions {
  readonly dataDir: string;
  readonly config: MamoriConfig;
  /** Default: config.server.host / port. */
  readonly host?: string;
  readonly port?: number;
  readonly follow?: readonly string[];
  /** Stop on SIGINT and SIGTERM (the CLI; tests call close). */
  readonly handleSignals?: boolean;
  /** Test-only routes, mounted beside apiRoutes. */
  readonly extraRoutes?: readonly ApiRoute[];
  readonly webRoot?: string | null;
}

/** A running server. */
export interface RunningServer {
  /** Loopback base URL (what server.json says). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** False in anonymous mode (no users, loopback only). */
  readonly authRequired: boolean;
  readonly tls: boolean;
  readonly ctx: ServerContext;
  readonly app: FastifyInstance;
  /** Stops the tasks, the HTTP server and the store; removes server.json. */
  close(): Promise<void>;
}

/** Opens the store for the server, naming the process that holds it when it cannot. */
async function openOwnStore(dataDir: string): Promise<Store> {
  const other = readServerFile(dataDir);
  if (other)
    throw new MamoriError(
      errorCodes.storeLocked,
      `the store in ${dataDir} is owned by mamori ${other.kind} (pid ${other.pid}) at ${other.url}: stop it first, or use that server`,
    );
  try {
    return await openStore({ dataDir });
  } catch (err) {
    if (err instanceof MamoriError && err.code === errorCodes.storeLocked)
      throw new MamoriError(
        errorCodes.storeLocked,
        `${err.message}; mamori serve must be the store's only writer: stop the other process (an ingest --follow, a hunt…) and start the server again`,
        { cause: err },
      );
    throw err;
  }
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new MamoriError(errorCodes.io, `server.${what} ${path}: cannot read it (${messageOf(err)})`, {
      cause: err,
    });
  }
}

/** The loopback URL the local CLI reaches a server on. */
function loopbackUrl(host: string, port: number, tls: boolean): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '' || !isLoopbackHost(host);
  const h =
    wildcard || host === 'localhost'
      ? '127.0.0.1'
      : host.includes(':')
        ? `[${host.replace(/^\[|\]$/g, '')}]`
        : host;
  return `${tls ? 'https' : 'http'}://${h}:${port}`;
}

/** Starts `mamori serve`: store, context, background tasks, HTTP(S) listener and server.json. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const settings = opts.config.server;
  const host = opts.host ?? settings.host;
  const port = opts.port ?? settings.port;
  const loopbackOnly = isLoopbackHost(host);
  if ((settings.tlsCert === undefined) !== (settings.tlsKey === undefined))
    throw new MamoriError(
      errorCodes.usage,
      'server.tlsCert and server.tlsKey go together: set both or neither',
    );
  const tls =
    settings.tlsCert && settings.tlsKey
      ? { cert: readPem(settings.tlsCert, 'tlsCert'), key: readPem(settings.tlsKey, 'tlsKey') }
      : undefined;
  const store = await openOwnStore(opts.dataDir);
  const stops: (() => Promise<void>)[] = [];
  let app: FastifyInstance | undefined;
  try {
    const users = await store.identity.countUsers();
    if (users === 0 && !loopbackOnly)
      throw new MamoriError(
        errorCodes.usage,
        `refusing to listen on ${host}: no user exists, so anyone who can reach it would be admin. Add one first (mamori users add NAME --role admin), or listen on 127.0.0.1`,
      );
    const ctx = createServerContext(store, opts.dataDir, opts.config);
    const localToken = newSecret();
    app = await buildServer(ctx, {
      auth: {
        localToken,
        loopbackOnly,
        secureCookies: tls !== undefined,
        sessionHours: settings.sessionHours,
        loginAttemptsPerMinute: settings.loginAttemptsPerMinute,
      },
      tls,
      ...(opts.extraRoutes ? { extraRoutes: opts.extraRoutes } : {}),
      ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot } : {}),
    });
    for (const task of backgroundTasks) stops.unshift(await task(ctx, { follow: opts.follow ?? [] }));
    await app.listen({ host, port }).catch((err: unknown) => {
      throw new MamoriError(errorCodes.io, `cannot listen on ${host}:${port}: ${messageOf(err)}`, {
        cause: err,
      });
    });
    const bound = (app.server.address() as AddressInfo).port;
    const url = loopbackUrl(host, bound, tls !== undefined);
    writeServerFile(opts.dataDir, {
      kind: 'serve',
      pid: process.pid,
      url,
      token: localToken,
      startedAt: new Date().toISOString(),
    });
    const server = app;
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        removeServerFile(opts.dataDir);
        for (const stop of stops)
          await stop().catch((err) => log.error({ err }, 'background task stop failed'));
        await server.close();
        // Pending reads and writes finish before the store closes.
        await ctx.read(async () => undefined);
        await store.close();
      })();
      return closing;
    };
    if (opts.handleSignals) {
      const onSignal = () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        close().then(
          () => process.exit(0),
          (err) => {
            log.error({ err }, 'server stop failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    return {
      url,
      host,
      port: bound,
      authRequired: users > 0,
      tls: tls !== undefined,
      ctx,
      app: server,
      close,
    };
  } catch (err) {
    for (const stop of stops) await stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await store.close();
    throw err;
  }
}
