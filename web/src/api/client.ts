/** The typed fetch wrapper every page uses: same-origin cookies, CSRF on writes, JSON errors. */

const base = '/api/v1';

/** An answer other than 2xx, with the server's stable code and message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Set from GET /auth/me or POST /auth/login; sent as `X-CSRF-Token` on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401, so the app can show the login page. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

/** `/api/v1` + path + the query, leaving out empty values. */
export function apiUrl(
  path: string,
  query?: Readonly<Record<string, string | number | undefined | null>>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

/** Path segment, encoded (ids, IPs and domains come from the data). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

async function failureOf(res: Response): Promise<ApiFailure> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; field?: unknown } };
    const e = body.error;
    if (e && typeof e.code === 'string' && typeof e.message === 'string') {
      return new ApiFailure(res.status, e.code, e.message, typeof e.field === 'string' ? e.field : undefined);
    }
  } catch {
    // not JSON: fall through to the status line
  }
  return new ApiFailure(res.status, 'http_error', `${res.status} ${res.statusText}`);
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined | null>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** One API call; resolves to the parsed JSON (or undefined for 204), rejects with ApiFailure. */
export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(apiUrl(path, opts.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  });
  if (!res.ok) {
    const failure = await failureOf(res);
    if (res.status === 401 && !path.startsWith('/auth/')) onUnauthorized?.();
    throw failure;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** GET shorthand. */
export function get<T>(path: string, opts: Omit<RequestOptions, 'body'> = {}): Promise<T> {
  return api<T>('GET', path, opts);
}

/** A readable message for any error a call can throw. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiFailure) return `${err.message} (${err.code}${err.field ? `, ${err.field}` : ''})`;
  if (err instanceof Error) return err.message;
  return String(err);
}
