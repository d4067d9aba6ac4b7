import type { MamoriConfig } from '../config/config-schema.js';
import type { AuditEntry, Principal } from '../domain/identity.js';
import type { Store } from '../store/store.js';

/** Something that happened in the server that the UI (over SSE) and the alerting want to know. */
export type ServerEvent =
  | {
      readonly type: 'ingest-progress';
      readonly jobId: string;
      readonly bytes: number;
      readonly totalBytes: number;
      readonly rows: number;
      readonly rejects: number;
      readonly file: string;
    }
  | {
      readonly type: 'ingest-done';
      readonly jobId: string;
      readonly rows: number;
      readonly rejects: number;
      readonly error: string | null;
    }
  | { readonly type: 'hunt-started'; readonly reason: string }
  | {
      readonly type: 'hunt-done';
      readonly runId: number;
      readonly incidents: number;
      readonly newIncidents: readonly string[];
      readonly raised: readonly string[];
    }
  | { readonly type: 'triage'; readonly incidentId: string };

/** Publish and subscribe within the server process. */
export interface ServerEvents {
  emit(e: ServerEvent): void;
  /** Returns the unsubscribe function. */
  on(listener: (e: ServerEvent) => void): () => void;
}

/**
 * What every route and background task of `mamori serve` shares. The server is the store's only
 * writer: every access goes through `read` or `write`, which serialise against each other so that a
 * hunt and a triage never interleave on one connection.
 */
export interface ServerContext {
  readonly dataDir: string;
  readonly config: MamoriConfig;
  /** Runs a read of the store. */
  read<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Runs a write of the store; `label` names it in logs and in `busy` answers. */
  write<T>(label: string, fn: (store: Store) => Promise<T>): Promise<T>;
  readonly events: ServerEvents;
  /** Appends to the audit log (who, what, which object, details, from where). */
  audit(
    principal: Principal,
    entry: Pick<AuditEntry, 'action' | 'target' | 'detail'>,
    origin: string,
  ): Promise<void>;
  /** Asks the live loop to hunt again soon (after ingest, intel import or a suppression change). */
  requestHunt(reason: string): void;
}
