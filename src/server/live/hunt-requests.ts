/**
 * How the rest of the server asks the live loop for a hunt (`ServerContext.requestHunt`). Keyed by
 * the context object, so that two servers in one process (tests) never hear each other. A request
 * made before the loop listens is kept and delivered when it starts.
 */
type Listener = (reason: string) => void;

const listeners = new WeakMap<object, Listener>();
const early = new WeakMap<object, string[]>();

/** Asks the live loop of the server `ctx` to hunt again; `ctx.requestHunt` calls this. */
export function requestHunt(ctx: object, reason: string): void {
  const listener = listeners.get(ctx);
  if (listener) listener(reason);
  else early.set(ctx, [...(early.get(ctx) ?? []), reason]);
}

/** The live loop's side: receives the requests of `ctx`; returns the function that stops listening. */
export function onHuntRequest(ctx: object, listener: Listener): () => void {
  listeners.set(ctx, listener);
  const waiting = early.get(ctx);
  early.delete(ctx);
  for (const reason of waiting ?? []) listener(reason);
  return () => {
    if (listeners.get(ctx) === listener) listeners.delete(ctx);
  };
}
