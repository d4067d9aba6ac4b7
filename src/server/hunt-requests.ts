import type { ServerContext } from './server-context.js';

/** Listeners for `ctx.requestHunt`: the live loop subscribes, routes only ask. */
export interface HuntRequests {
  /** Returns the unsubscribe function. */
  on(listener: (reason: string) => void): () => void;
  emit(reason: string): void;
}

const byContext = new WeakMap<ServerContext, HuntRequests>();

/**
 * A fresh set of hunt-request listeners. Requests made before anyone listens are kept and delivered
 * to the first listener, so that a hunt asked for while the live loop starts is not lost.
 */
export function huntRequestEmitter(): HuntRequests {
  const listeners = new Set<(reason: string) => void>();
  let early: string[] = [];
  return {
    on(listener) {
      listeners.add(listener);
      const waiting = early;
      early = [];
      for (const reason of waiting) listener(reason);
      return () => listeners.delete(listener);
    },
    emit(reason) {
      if (listeners.size === 0) {
        early.push(reason);
        return;
      }
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
