import type { TelemetryTableName } from './tables.js';

/**
 * What identifies one record of a table across input files, with its `ts`: `id` must be set (a
 * record without it is never taken for a duplicate) and `with` are compared too, null equal to
 * null. A record another batch already holds under the same key is the same telemetry read twice
 * (the TSV and the JSON of one Zeek run, a log copied under another name) and is not stored again.
 * Open records (`is_open`) are successive snapshots of one session and are never compared.
 */
export const duplicateKeys = {
  conn: { id: 'uid', with: [] },
  // One connection carries many DNS transactions, HTTP requests and notices at the same ts.
  dns: { id: 'uid', with: ['trans_id', 'query', 'qtype'] },
  http: { id: 'uid', with: ['trans_depth'] },
  ssl: { id: 'uid', with: [] },
  // x509 has no uid: the certificate's fingerprint and file id (absent since Zeek 5) do.
  x509: { id: 'fingerprint', with: ['fuid'] },
  files: { id: 'fuid', with: [] },
  notice: { id: 'uid', with: ['note', 'msg', 'sub'] },
  weird: { id: 'uid', with: ['name', 'addl'] },
  alerts: { id: 'uid', with: ['signature_id'] },
  events: { id: 'uid', with: ['log_type'] },
} as const satisfies Record<TelemetryTableName, { id: string; with: readonly string[] }>;
