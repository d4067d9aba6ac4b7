import type { ServerContext } from './server-context.js';

/** Listeners for `ctx.requestHunt`: the live loop subscribes, routes only ask. */
export interface HuntRequests {
  /** Returns the unsubscribe function. */
  on(listener: (reason: string) => void): () => void;
  emit(reason: string): void;
}

const byContext = new WeakMap<ServerContext, HuntRequests>();

/** A fresh set of hunt-request listeners. */
export function huntRequestEmitter(): HuntRequests {
  const listeners = new Set<(reason: string) => void>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(reason) {
      for (const l of listeners) {
        try {
          l(reason);
        } catch {
          // A listener's failure is its own; the asker must not fail.
        }
      }
    },
  };
}

/** Ties hunt requests to a context (done by the context's builder). */
export function registerHuntRequests(ctx: ServerContext, requests: HuntRequests): void {
  byContext.set(ctx, requests);
}

/** The hunt requests of a server: `huntRequestsOf(ctx).on(reason => …)` in a background task. */
export function huntRequestsOf(ctx: ServerContext): HuntRequests {
  let r = byContext.get(ctx);
  if (!r) {
    r = huntRequestEmitter();
    byContext.set(ctx, r);
  }
  return r;
}
