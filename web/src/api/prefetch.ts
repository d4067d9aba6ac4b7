import { routeParam } from '../ui/route-param.js';
import { apiUrl, seg } from './client.js';

const early = new Map<string, Promise<unknown>>();

/**
 * Starts GET `path` now, before the app has asked who is signed in, for a page that will need it.
 * A failure (401 before login, anything else) is not reported: the page then fetches as usual.
 */
export function prefetch(path: string): void {
  const url = apiUrl(path);
  if (early.has(url)) return;
  const answer = fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(
    (res) => (res.ok ? res.json() : Promise.reject(new Error(`${res.status}`))),
  );
  // Never an unhandled rejection when nobody takes it.
  answer.catch(() => undefined);
  early.set(url, answer);
}

/** The early answer for `path`, once (a reload fetches afresh), or null. */
export function takePrefetched<T>(path: string): Promise<T> | null {
  const url = apiUrl(path);
  const answer = early.get(url);
  if (!answer) return null;
  early.delete(url);
  return answer as Promise<T>;
}

/**
 * Prefetches what the page at `pathname` loads first: the incident page's 1 MB incident would
 * otherwise wait for GET /auth/me and the first render.
 */
export function prefetchForRoute(pathname: string): void {
  const m = /^\/incidents\/([^/]+)\/?$/.exec(pathname);
  if (m?.[1]) prefetch(`/incidents/${seg(routeParam(m[1]))}`);
}
