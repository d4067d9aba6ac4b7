import { useCallback, useEffect, useState } from 'react';
import { get } from './client.js';
import { takePrefetched } from './prefetch.js';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: unknown;
  readonly loading: boolean;
  /** Fetches again (after a change the page made). */
  readonly reload: () => void;
}

/** GET `path` (null: nothing yet) whenever it or the query changes; stale answers are dropped. */
export function useApi<T>(
  path: string | null,
  query?: Readonly<Record<string, string | number | undefined | null>>,
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  // queryKey stands for query; tick forces a reload.
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    const fetchNow = () => get<T>(path, { query: JSON.parse(queryKey), signal: ctl.signal });
    // A page's first load may have started before the app did (prefetch.ts); if it failed, ask again.
    const early = tick === 0 && queryKey === '{}' ? takePrefetched<T>(path) : null;
    (early ? early.catch(fetchNow) : fetchNow())
      .then((d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => ctl.abort();
  }, [path, queryKey, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
