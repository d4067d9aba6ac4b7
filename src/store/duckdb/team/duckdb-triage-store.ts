import type { DuckDBConnection } from '@duckdb/node-api';
import type { TriageStore } from '../../triage-store.js';
import { priorIncidents } from './duckdb-prior-incidents.js';
import {
  createSuppression,
  deleteSuppression,
  getSuppression,
  listSuppressions,
  tsParam,
  updateSuppression,
} from './duckdb-suppressions.js';
import {
  addHistory,
  addNote,
  aliasesOf,
  aliasIncident,
  listHistory,
  listNotes,
  resolveId,
  triageOf,
  updateTriage,
} from './duckdb-triage-state.js';

/**
 * Triage, notes, history, suppressions, aliases and alert state in DuckDB (duckdb-triage-ddl.ts).
 * Every call by incident id follows aliases first, so an incident's state follows it as it grows.
 * `settle` runs before each write: it refuses read-only stores and commits pending ingest batches.
 */
export function duckdbTriageStore(conn: DuckDBConnection, settle: () => Promise<void>): TriageStore {
  const resolve = (id: string) => resolveId(conn, id);
  return {
    get: async (id) => triageOf(conn, await resolve(id)),
    update: async (id, patch, actor, at) => {
      await settle();
      return updateTriage(conn, await resolve(id), patch, actor, at);
    },
    addNote: async (id, author, text, at) => {
      await settle();
      return addNote(conn, await resolve(id), author, text, at);
    },
    listNotes: async (id) => listNotes(conn, await resolve(id)),
    history: async (id) => listHistory(conn, await resolve(id)),
    recordChange: async (change) => {
      await settle();
      await addHistory(conn, { ...change, incidentId: await resolve(change.incidentId) });
    },
    alias: async (oldId, newId, at) => {
      await settle();
      await aliasIncident(conn, await resolve(oldId), await resolve(newId), at);
    },
    resolve,
    aliases: async (id) => aliasesOf(conn, await resolve(id)),
    priorIncidents: (scope, beforeRunId) => priorIncidents(conn, scope, beforeRunId),
    createSuppression: async (s) => {
      await settle();
      return createSuppression(conn, s);
    },
    updateSuppression: async (id, patch) => {
      await settle();
      return updateSuppression(conn, id, patch);
    },
    deleteSuppression: async (id) => {
      await settle();
      return deleteSuppression(conn, id);
    },
    getSuppression: (id) => getSuppression(conn, id),
    listSuppressions: (opts) => listSuppressions(conn, opts),
    alertedSeverity: async (id) => {
      const r = await conn.runAndReadAll(`SELECT severity FROM alert_state WHERE incident_id = $id`, {
        id: await resolve(id),
      });
      const v = r.getRowObjectsJson()[0]?.['severity'];
      return v === undefined || v === null ? null : String(v);
    },
    recordAlert: async (id, severity, at) => {
      await settle();
      await conn.run(
        `INSERT OR REPLACE INTO alert_state (incident_id, severity, alerted_at) VALUES ($id, $severity, $at::TIMESTAMP)`,
        { id: await resolve(id), severity, at: tsParam(at) },
      );
    },
  };
}
