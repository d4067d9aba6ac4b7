import type { DuckDBConnection } from '@duckdb/node-api';
import type { IdentityStore } from '../../identity-store.js';
import { appendAudit, listAudit } from './duckdb-audit.js';

/** The identity model in DuckDB (tables in duckdb-identity-ddl.ts). */
export function duckdbIdentityStore(conn: DuckDBConnection, settle: () => Promise<void>): IdentityStore {
  const todo = (): never => {
    throw new Error('identity store: not implemented yet');
  };
  const done: Partial<IdentityStore> = {
    audit: async (e) => {
      await settle();
      return appendAudit(conn, e);
    },
    listAudit: (q) => listAudit(conn, q),
  };
  return new Proxy(done as IdentityStore, {
    get: (target, key: string) => (key in target ? target[key as keyof IdentityStore] : todo),
  });
}
