import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { ServerEvent } from '../../server-context.js';
import { apiRoute } from '../api-route.js';

/** Seconds between SSE comments that keep proxies from closing an idle stream. */
export const heartbeatSeconds = 15;

/** One server event as an SSE frame: its type as the event name, the JSON as data. */
export function sseFrame(e: ServerEvent): string {
  return `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
}

/** GET /events: the server's events as Server-Sent Events. */
export const eventRoutes = [
  apiRoute({
    method: 'GET',
    path: '/events',
    operationId: 'streamEvents',
    summary:
      'Server events (ingest progress, hunts, triage) as text/event-stream; ?jobId= keeps one ingest job',
    tags: ['live'],
    role: 'viewer',
    query: z.object({ jobId: z.string().min(1).max(200).optional() }),
    response: z.string(),
    produces: 'text/event-stream',
    async handler({ ctx, query, signal }) {
      const stream = new PassThrough();
      const keep = (e: ServerEvent) => !query.jobId || ('jobId' in e && e.jobId === query.jobId);
      const off = ctx.events.on((e) => {
        if (keep(e)) stream.write(sseFrame(e));
      });
      const beat = setInterval(() => stream.write(': heartbeat\n\n'), heartbeatSeconds * 1000);
      beat.unref();
      const end = () => {
        off();
        clearInterval(beat);
        stream.end();
      };
      if (signal.aborted) end();
      else signal.addEventListener('abort', end, { once: true });
      stream.on('close', () => {
        off();
        clearInterval(beat);
      });
      stream.write('retry: 3000\n\n');
      return {
        raw: true,
        contentType: 'text/event-stream; charset=utf-8',
        body: stream,
        headers: { 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
      };
    },
  }),
];
