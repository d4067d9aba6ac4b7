import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MamoriConfig } from '../../src/config/config-schema.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { Role } from '../../src/domain/identity.js';
import type { ApiRoute } from '../../src/server/api/api-route.js';
import { addUser } from '../../src/server/auth/user-admin.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

/** A user the harness creates before the server starts. */
export interface TestUser {
  readonly name: string;
  readonly role: Role;
  readonly password?: string;
  readonly org?: string;
  readonly disabled?: boolean;
}

/** What a test server was started with. */
export interface TestServerOptions {
  readonly users?: readonly TestUser[];
  /** Config as a file would give it (`{ server: { bodyLimitKb: 1 } }`); validated like one. */
  readonly config?: Record<string, unknown>;
  /** An existing data directory (kept); default a fresh temp one (removed on close). */
  readonly dataDir?: string;
  /** Fills the store before the server opens it (demo data, incidents…). */
  readonly seed?: (store: Store) => Promise<void>;
  /** Test-only routes, mounted beside apiRoutes. */
  readonly extraRoutes?: readonly ApiRoute[];
  readonly follow?: readonly string[];
}

/** A running test server on 127.0.0.1 and a free port. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `${url}/api/v1` */
  readonly api: string;
  readonly dataDir: string;
  readonly config: MamoriConfig;
  readonly server: RunningServer;
  /** Logs a user in; returns the cookie header value and CSRF token to send on writes. */
  login(name: string, password: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

/** Starts a real server over a temp data dir (users and seed data first), on 127.0.0.1 port 0. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const own = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'mamori-server-'));
  const config = parseConfig(opts.config ?? {}, 'test config');
  if (opts.users?.length || opts.seed) {
    const store = await openStore({ dataDir });
    try {
      await opts.seed?.(store);
      for (const u of opts.users ?? []) {
        const user = await addUser(store.identity, {
          name: u.name,
          role: u.role,
          org: u.org,
          password: u.password,
        });
        if (u.disabled) await store.identity.updateUser(user.id, { disabled: true });
      }
    } finally {
      await store.close();
    }
  }
  const server = await startServer({
    dataDir,
    config,
    host: '127.0.0.1',
    port: 0,
    follow: opts.follow ?? [],
    ...(opts.extraRoutes ? { extraRoutes: opts.extraRoutes } : {}),
  });
  const api = `${server.url}/api/v1`;
  return {
    url: server.url,
    api,
    dataDir,
    config,
    server,
    async login(name, password) {
      const res = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      if (res.status !== 200) throw new Error(`login of ${name}: HTTP ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const body = (await res.json()) as { csrfToken: string };
      return { cookie, csrf: body.csrfToken };
    },
    async close() {
      await server.close();
      if (own) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
