import { ApiError } from '../api-error.js';
import { decodeCursor, encodeCursor } from '../schemas/common-schemas.js';

/** One page of a short in-memory list (users, tokens, organisations): the cursor is an offset. */
export function pageOfList<T>(all: readonly T[], cursor: string | undefined, limit: number) {
  let start = 0;
  if (cursor) {
    const key = decodeCursor(cursor);
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0)
      throw new ApiError('badRequest', 'query.cursor: not a cursor of this list', 'query.cursor');
    start = key;
  }
  const items = all.slice(start, start + limit);
  return { items, nextCursor: start + limit < all.length ? encodeCursor(start + limit) : null };
}
