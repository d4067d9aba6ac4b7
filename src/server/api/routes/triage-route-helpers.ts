import type { Principal } from '../../../domain/identity.js';
import { errorCodes, MamoriError } from '../../../errors.js';
import { SuppressionFieldError } from '../../../incidents/suppression/incident-suppression.js';
import type { AuditDraft } from '../../../incidents/triage-actions.js';
import type { ServerContext } from '../../server-context.js';
import { ApiError } from '../api-error.js';
import { decodeCursor, encodeCursor } from '../schemas/common-schemas.js';

/** Runs a store change, translating the triage actions' errors into API errors. */
export async function apiCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SuppressionFieldError)
      throw new ApiError('badRequest', err.message, `body.${err.field}`);
    if (err instanceof MamoriError && err.code === errorCodes.badInput)
      throw new ApiError('notFound', err.message);
    if (err instanceof MamoriError && err.code === errorCodes.usage)
      throw new ApiError('badRequest', err.message);
    throw err;
  }
}

/** Appends a change's audit entries once it is stored (outside the write, which must not nest). */
export async function auditAll(
  ctx: ServerContext,
  principal: Principal,
  origin: string,
  drafts: readonly AuditDraft[],
): Promise<void> {
  for (const d of drafts) await ctx.audit(principal, d, origin);
}

/** One page of an in-memory list, with an offset cursor. */
export function pageByOffset<T>(
  all: readonly T[],
  q: { readonly cursor?: string; readonly limit: number },
): { items: T[]; nextCursor: string | null } {
  const key = decodeCursor(q.cursor) as { o?: unknown } | null;
  if (q.cursor && (typeof key?.o !== 'number' || key.o < 0))
    throw new ApiError('badRequest', 'cursor: not one this server wrote', 'query.cursor');
  const start = q.cursor ? (key?.o as number) : 0;
  const items = all.slice(start, start + q.limit);
  return { items, nextCursor: start + q.limit < all.length ? encodeCursor({ o: start + q.limit }) : null };
}
