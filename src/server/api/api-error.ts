/** Stable error codes of the REST API: clients branch on these, never on message text. */
export const apiErrorCodes = {
  badRequest: { code: 'bad_request', status: 400 },
  unauthorized: { code: 'unauthorized', status: 401 },
  forbidden: { code: 'forbidden', status: 403 },
  csrf: { code: 'csrf_failed', status: 403 },
  notFound: { code: 'not_found', status: 404 },
  conflict: { code: 'conflict', status: 409 },
  tooLarge: { code: 'payload_too_large', status: 413 },
  unsupportedMedia: { code: 'unsupported_media_type', status: 415 },
  rateLimited: { code: 'rate_limited', status: 429 },
  busy: { code: 'busy', status: 503 },
  internal: { code: 'internal', status: 500 },
} as const;

export type ApiErrorKind = keyof typeof apiErrorCodes;
export type ApiErrorCode = (typeof apiErrorCodes)[ApiErrorKind]['code'];

/** An error a route throws to answer with a JSON error body: `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  /** The request field at fault (`query.limit`, `body.status`), when one is. */
  readonly field: string | undefined;

  constructor(kind: ApiErrorKind, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = apiErrorCodes[kind].code;
    this.status = apiErrorCodes[kind].status;
    this.field = field;
  }
}
