import type { DuckDBConnection } from '@duckdb/node-api';
import type { IdentityStore } from '../../identity-store.js';

/** The identity model in DuckDB (tables in duckdb-identity-ddl.ts). */
export function duckdbIdentityStore(_conn: DuckDBConnection, _settle: () => Promise<void>): IdentityStore {
  const todo = (): never => {
    throw new Error('identity store: not implemented yet');
  };
  return new Proxy({} as IdentityStore, { get: () => todo });
}
