import type { DuckDBConnection } from '@duckdb/node-api';
import type { TriageStore } from '../../triage-store.js';

/** Triage, notes, history, suppressions, aliases and alert state in DuckDB (duckdb-triage-ddl.ts). */
export function duckdbTriageStore(_conn: DuckDBConnection, _settle: () => Promise<void>): TriageStore {
  const todo = (): never => {
    throw new Error('triage store: not implemented yet');
  };
  return new Proxy({} as TriageStore, { get: () => todo });
}
