import { huntRequestsOf } from '../hunt-requests.js';
import type { ServerContext } from '../server-context.js';

/** Asks the live loop of the server `ctx` to hunt again; `ctx.requestHunt` does the same. */
export function requestHunt(ctx: ServerContext, reason: string): void {
  huntRequestsOf(ctx).emit(reason);
}

/** The live loop's side: receives the requests of `ctx`; returns the function that stops listening. */
export function onHuntRequest(ctx: ServerContext, listener: (reason: string) => void): () => void {
  const off = huntRequestsOf(ctx).on(listener);
  return () => {
    off();
  };
}
