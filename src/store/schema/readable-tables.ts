import { telemetryTableNames } from './tables.js';

/**
 * Every table of the store, by what it holds, as `mamori query --help` lists them. A store test
 * compares this with the tables a new store has, so a table added to the schema must be added here.
 */
export const readableTables = {
  telemetry: telemetryTableNames,
  ingest: ['ingest_batches', 'ingest_files', 'rejects'],
  detection: ['detect_runs', 'findings', 'incidents', 'seen_ips', 'seen_names'],
  triage: [
    'incident_triage',
    'incident_notes',
    'incident_history',
    'incident_aliases',
    'suppressions',
    'alert_state',
  ],
  // Passwords and token secrets are stored only as scrypt and SHA-256 hashes.
  team: ['organisations', 'users', 'api_tokens', 'sessions', 'audit_log'],
  intel: [
    'intel_sources',
    'intel_entities',
    'intel_entity_sources',
    'intel_aliases',
    'intel_relationships',
    'intel_pending_rel',
    'intel_indicators',
    'intel_indicator_sources',
    'intel_indicator_links',
    'intel_observables',
    'intel_sightings',
    'warninglists',
    'warninglist_entries',
  ],
  store: ['schema_meta'],
} as const satisfies Record<string, readonly string[]>;

/** Every readable table name, in the order of {@link readableTables}. */
export const readableTableNames: readonly string[] = Object.values(readableTables).flat();
