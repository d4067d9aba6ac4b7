import { useEffect, useRef } from 'react';
import { apiUrl } from './client.js';
import type { ServerEvent } from './types.js';

/**
 * Listens to the server's event stream (GET /events, SSE; `jobId` narrows it to one ingest job).
 * EventSource sends the session cookie and reconnects by itself.
 */
export function useServerEvents(onEvent: (e: ServerEvent) => void, jobId?: string | null): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(apiUrl('/events', { jobId: jobId ?? undefined }), {
      withCredentials: true,
    });
    const receive = (msg: MessageEvent<string>) => {
      try {
        const parsed = JSON.parse(msg.data) as ServerEvent;
        if (parsed && typeof parsed.type === 'string') handler.current(parsed);
      } catch {
        // a keep-alive or a line we do not know: ignore it
      }
    };
    source.onmessage = receive;
    // Servers may name their events after the type; listen to those too.
    const named = ['ingest-progress', 'ingest-done', 'hunt-started', 'hunt-done', 'triage'];
    for (const n of named) source.addEventListener(n, receive as EventListener);
    return () => source.close();
  }, [jobId]);
}
