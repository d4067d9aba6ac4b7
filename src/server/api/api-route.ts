import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Principal, Role } from '../../domain/identity.js';
import type { SessionExchange } from '../auth/session-exchange.js';
import type { ServerContext } from '../server-context.js';

/** A reply that is not JSON: a report, a CSV export, or a stream (SSE). */
export interface RawReply {
  readonly raw: true;
  readonly contentType: string;
  readonly body: string | Buffer | Readable;
  readonly headers?: Readonly<Record<string, string>>;
  readonly status?: number;
}

/** An uploaded file of a multipart request, spooled to disk by the server. */
export interface UploadedFile {
  readonly fieldName: string;
  /** The client's file name (attacker-controlled: never used as a path). */
  readonly fileName: string;
  /** Where the server spooled it. */
  readonly path: string;
  readonly bytes: number;
}

/** What a route handler receives, already validated against the route's schemas. */
export interface ApiRequest<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: Principal;
  readonly ctx: ServerContext;
  /** The client address, for the audit log. */
  readonly origin: string;
  /** Files of a multipart request (routes with `upload: true`). */
  readonly files: readonly UploadedFile[];
  /** Aborted when the client goes away (long exports, SSE). */
  readonly signal: AbortSignal;
  /** Cookie sessions, for the auth routes only (login, logout, me); absent outside HTTP. */
  readonly session?: SessionExchange;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * One REST endpoint under /api/v1: its schemas (the OpenAPI document is generated from them), the
 * least role that may call it, and the handler. Routes are data, so the server mounts them, the
 * OpenAPI generator describes them and tests enumerate them from one list (api/routes.ts).
 */
export interface ApiRoute<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends Schema = Schema,
> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to /api/v1, with `:name` parameters: `/incidents/:id/notes`. */
  readonly path: string;
  /** Unique, camelCase: the OpenAPI operationId. */
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** `public` needs no login (login itself, the OpenAPI document). */
  readonly role: Role | 'public';
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The JSON answer's schema; for raw replies, what the document should say (z.string()). */
  readonly response: R;
  /** Success status (default 200). */
  readonly status?: number;
  /** Content type of a raw reply, for the document (`text/csv`, `text/event-stream`…). */
  readonly produces?: string;
  /** Accepts multipart file uploads. */
  readonly upload?: boolean;
  readonly handler: (req: ApiRequest<Out<P>, Out<Q>, Out<B>>) => Promise<z.input<R> | RawReply>;
}

/** Declares a route with its types inferred from its schemas. */
export function apiRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema = Schema,
>(route: ApiRoute<P, Q, B, R>): ApiRoute {
  return route as unknown as ApiRoute;
}

/** True when a handler's result is a raw reply rather than JSON. */
export function isRawReply(v: unknown): v is RawReply {
  return typeof v === 'object' && v !== null && (v as { raw?: unknown }).raw === true;
}
