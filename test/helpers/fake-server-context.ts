import type { MamoriConfig } from '../../src/config/config-schema.js';
import { defaultConfig } from '../../src/config/config-schema.js';
import type { IncidentTriage } from '../../src/domain/triage.js';
import { requestHunt } from '../../src/server/live/hunt-requests.js';
import type { ServerContext, ServerEvent } from '../../src/server/server-context.js';
import type { Store } from '../../src/store/store.js';
import type { TriagePatch, TriageStore } from '../../src/store/triage-store.js';

/** Status and alert state in memory, for tests written before the DuckDB triage store. */
export function memoryTriage(): TriageStore & { readonly alerted: Map<string, string> } {
  const states = new Map<string, IncidentTriage>();
  const alerted = new Map<string, string>();
  const todo = (name: string) => () => {
    throw new Error(`memoryTriage.${name} is not implemented`);
  };
  const t = {
    alerted,
    get: async (id: string) => states.get(id) ?? null,
    update: async (id: string, patch: TriagePatch, actor: string, at: string) => {
      const prev = states.get(id);
      const next: IncidentTriage = {
        incidentId: id,
        status: patch.status ?? prev?.status ?? 'new',
        note: prev?.note ?? null,
        by: actor,
        at,
        assignee: patch.assignee === undefined ? (prev?.assignee ?? null) : patch.assignee,
      };
      states.set(id, next);
      return next;
    },
    alertedSeverity: async (id: string) => alerted.get(id) ?? null,
    recordAlert: async (id: string, severity: string) => {
      alerted.set(id, severity);
    },
    resolve: async (id: string) => id,
  };
  return new Proxy(t as unknown as TriageStore & { alerted: Map<string, string> }, {
    get: (target, p) => (p in target ? Reflect.get(target, p) : todo(String(p))),
  });
}

/** The store with its triage part replaced (other methods bound to the real store). */
export function withTriage(store: Store, triage: TriageStore): Store {
  return new Proxy(store, {
    get(target, p) {
      if (p === 'triage') return triage;
      const v = Reflect.get(target, p, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** A ServerContext over a real store, as the server core builds it: serialised access, events in a list. */
export function fakeServerContext(
  store: Store,
  dataDir: string,
  config: MamoriConfig = defaultConfig(),
): ServerContext & { readonly emitted: ServerEvent[]; readonly audited: unknown[] } {
  const emitted: ServerEvent[] = [];
  const audited: unknown[] = [];
  const listeners = new Set<(e: ServerEvent) => void>();
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    return run;
  };
  const ctx = {
    dataDir,
    config,
    emitted,
    audited,
    read: <T>(fn: (s: Store) => Promise<T>) => serial(() => fn(store)),
    write: <T>(_label: string, fn: (s: Store) => Promise<T>) => serial(() => fn(store)),
    events: {
      emit(e: ServerEvent) {
        emitted.push(e);
        for (const l of listeners) l(e);
      },
      on(l: (e: ServerEvent) => void) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    audit: async (principal: unknown, entry: unknown, origin: string) => {
      audited.push({ principal, entry, origin });
    },
    requestHunt: (reason: string) => requestHunt(ctx, reason),
  };
  return ctx;
}
