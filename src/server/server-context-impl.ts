import type { MamoriConfig } from '../config/config-schema.js';
import { log } from '../log.js';
import type { Store } from '../store/store.js';
import { huntRequestEmitter, registerHuntRequests } from './hunt-requests.js';
import type { ServerContext, ServerEvent, ServerEvents } from './server-context.js';

/** An in-process publish/subscribe; a listener that throws is logged and skipped. */
export function serverEvents(): ServerEvents {
  const listeners = new Set<(e: ServerEvent) => void>();
  return {
    emit(e) {
      for (const l of listeners) {
        try {
          l(e);
        } catch (err) {
          log.warn({ err, event: e.type }, 'server event listener failed');
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The context of a running server over its store: every read and write goes through one promise
 * chain, so store calls never interleave on the connection (DuckDB's is not re-entrant).
 */
export function createServerContext(store: Store, dataDir: string, config: MamoriConfig): ServerContext {
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: (s: Store) => Promise<T>): Promise<T> => {
    const run = tail.then(() => fn(store));
    // The chain goes on whether this call failed or not.
    tail = run.catch(() => undefined);
    return run;
  };
  const hunts = huntRequestEmitter();
  const ctx: ServerContext = {
    dataDir,
    config,
    read: serial,
    write: (_label, fn) => serial(fn),
    events: serverEvents(),
    async audit(principal, entry, origin) {
      await serial((s) =>
        s.identity.audit({ ...entry, at: new Date().toISOString(), actor: principal.userName, origin }),
      );
    },
    requestHunt(reason) {
      hunts.emit(reason);
    },
  };
  registerHuntRequests(ctx, hunts);
  return ctx;
}
