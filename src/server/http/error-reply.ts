import type { FastifyReply } from 'fastify';
import { errorCodes, MamoriError } from '../../errors.js';
import { log } from '../../log.js';
import { ApiError, type ApiErrorKind, apiErrorCodes } from '../api/api-error.js';

/** Fastify's own error codes, as API errors. */
const fastifyKinds: Record<string, ApiErrorKind> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'tooLarge',
  FST_REQ_FILE_TOO_LARGE: 'tooLarge',
  FST_FILES_LIMIT: 'tooLarge',
  FST_PARTS_LIMIT: 'tooLarge',
  FST_FIELDS_LIMIT: 'tooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMedia',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupportedMedia',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'badRequest',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'badRequest',
};

/** Any thrown value as an API error: stable code, a message, never a stack. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof MamoriError) {
    if (err.code === errorCodes.storeLocked) return new ApiError('busy', err.message);
    if (err.code === errorCodes.badInput || err.code === errorCodes.usage)
      return new ApiError('badRequest', err.message);
    log.error({ err }, 'request failed');
    return new ApiError('internal', err.message);
  }
  const code = (err as { code?: unknown } | null)?.code;
  const kind = typeof code === 'string' ? fastifyKinds[code] : undefined;
  if (kind) return new ApiError(kind, (err as Error).message);
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  // JSON syntax errors and other client faults Fastify reports with a 4xx.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = Object.entries(apiErrorCodes).find(([, v]) => v.status === status);
    return new ApiError((known?.[0] as ApiErrorKind | undefined) ?? 'badRequest', (err as Error).message);
  }
  log.error({ err }, 'request failed');
  return new ApiError('internal', 'internal error: the server log has the details');
}

/** Sends an error as `{ error: { code, message, field? } }`. */
export function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  const e = toApiError(err);
  return reply
    .code(e.status)
    .type('application/json; charset=utf-8')
    .send({ error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } });
}
