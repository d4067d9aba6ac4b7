import type { DuckDBConnection } from '@duckdb/node-api';
import type { IdentityStore } from '../../identity-store.js';
import { appendAudit, listAudit } from './duckdb-audit.js';
import { duckdbTokens } from './duckdb-tokens.js';
import { duckdbUsers } from './duckdb-users.js';

/** The identity model in DuckDB (tables in duckdb-identity-ddl.ts). */
export function duckdbIdentityStore(conn: DuckDBConnection, settle: () => Promise<void>): IdentityStore {
  return {
    ...duckdbUsers(conn, settle),
    ...duckdbTokens(conn, settle),
    audit: async (e) => {
      await settle();
      return appendAudit(conn, e);
    },
    listAudit: (q) => listAudit(conn, q),
  };
}
