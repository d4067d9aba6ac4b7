import { userInfo } from 'node:os';
import { errorCodes, MamoriError } from '../errors.js';
import { readServerFile, type ServerFile } from './server-file.js';

/** The OS user running the CLI, for the server's audit log (`local:NAME`); empty when unknown. */
function osUser(): string {
  try {
    return userInfo().username || process.env['USER'] || '';
  } catch {
    return process.env['USER'] ?? '';
  }
}

/** The CLI's way to the running server that owns a store: JSON requests with the local token. */
export interface ServerClient {
  readonly server: ServerFile;
  /** Sends a JSON request to `/api/v1{path}`; throws a MamoriError with the API's message on failure. */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** A client for the server that owns the store in `dataDir`, or null when none is running. */
export function serverFor(dataDir: string): ServerClient | null {
  const server = readServerFile(dataDir);
  if (!server) return null;
  return {
    server,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(`${server.url}/api/v1${path}`, {
          method,
          headers: {
            authorization: `Bearer ${server.token}`,
            'x-mamori-actor': osUser(),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (err) {
        throw new MamoriError(
          errorCodes.network,
          `the store is owned by mamori ${server.kind} (pid ${server.pid}) at ${server.url}, which did not answer: ${(err as Error).message}`,
          { cause: err },
        );
      }
      const text = await res.text();
      const json = text ? (JSON.parse(text) as unknown) : null;
      if (!res.ok) {
        const e = (json as { error?: { code?: string; message?: string } } | null)?.error;
        const code =
          res.status === 404 ? errorCodes.badInput : res.status < 500 ? errorCodes.usage : errorCodes.store;
        throw new MamoriError(
          code,
          `${e?.message ?? `HTTP ${res.status}`} (from mamori ${server.kind} at ${server.url})`,
        );
      }
      return json as T;
    },
  };
}
