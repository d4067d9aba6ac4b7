import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchForRoute, takePrefetched } from './prefetch.js';

afterEach(() => vi.unstubAllGlobals());

describe('prefetch', () => {
  it('15.8: the incident page URL starts its incident fetch once; the page takes it once', async () => {
    const fetch = vi.fn(
      async (_url: string) => new Response(JSON.stringify({ id: 'INC-1' }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    prefetchForRoute('/incidents/INC-1');
    prefetchForRoute('/incidents/INC-1');
    prefetchForRoute('/queue');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/incidents/INC-1');
    await expect(takePrefetched('/incidents/INC-1')).resolves.toEqual({ id: 'INC-1' });
    expect(takePrefetched('/incidents/INC-1')).toBeNull();
  });

  it('15.8: a failed early fetch (401 before login) rejects, so the page asks again', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 401 })),
    );
    prefetchForRoute('/incidents/INC%2F2');
    const early = takePrefetched('/incidents/INC%2F2');
    expect(early).not.toBeNull();
    await expect(early).rejects.toThrow('401');
  });
});
