import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from './client.js';
import type { Page } from './types.js';

export interface Paged<T> {
  readonly items: readonly T[];
  readonly error: unknown;
  readonly loading: boolean;
  /** True while the server has more pages. */
  readonly more: boolean;
  /** Fetches the next page and appends it. */
  readonly loadMore: () => void;
  readonly reload: () => void;
}

/**
 * A cursor-paginated list: the first page on every change of path or filters, then "load more"
 * passes `nextCursor` back. Answers for an older filter are dropped.
 */
export function usePages<T>(
  path: string | null,
  query: Readonly<Record<string, string | number | undefined | null>> = {},
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const queryKey = JSON.stringify(query);

  const fetchPage = useCallback(
    (after: string | null, gen: number) => {
      if (path === null) return;
      setLoading(true);
      get<Page<T>>(path, { query: { ...JSON.parse(queryKey), cursor: after ?? undefined } })
        .then((page) => {
          if (gen !== generation.current) return;
          setItems((prev) => (after === null ? page.items : [...prev, ...page.items]));
          setCursor(page.nextCursor);
          setError(null);
          setLoading(false);
        })
        .catch((e: unknown) => {
          if (gen !== generation.current) return;
          setError(e);
          setLoading(false);
        });
    },
    [path, queryKey],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    generation.current += 1;
    setItems([]);
    setCursor(null);
    fetchPage(null, generation.current);
  }, [fetchPage, tick]);

  const loadMore = useCallback(() => {
    if (cursor !== null && !loading) fetchPage(cursor, generation.current);
  }, [cursor, loading, fetchPage]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { items, error, loading, more: cursor !== null, loadMore, reload };
}
