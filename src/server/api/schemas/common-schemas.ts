import { z } from 'zod';
import { severities } from '../../../domain/finding.js';

/** ISO 8601 instant, UTC. */
export const isoTime = z.string().describe('ISO 8601 instant (UTC)');
export const severity = z.enum(severities);

/** The JSON body of every error answer. */
export const errorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          'stable: bad_request, unauthorized, forbidden, csrf_failed, not_found, conflict, payload_too_large, unsupported_media_type, rate_limited, busy, internal',
        ),
      message: z.string(),
      field: z.string().optional().describe('the request field at fault'),
    }),
  })
  .meta({ id: 'Error' });

/** `?cursor=&limit=` of every list. The cursor is opaque: pass back `nextCursor`. */
export const pageQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** A page of a list: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Opaque cursors: base64url of a small JSON key, so clients cannot depend on their shape. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of a cursor, or null when it is not one this server wrote. */
export function decodeCursor(cursor: string | undefined): unknown {
  if (!cursor) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

export const idParam = z.object({ id: z.string().min(1).max(200) });
export const okBody = z.object({ ok: z.literal(true) });
