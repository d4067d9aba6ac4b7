import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Knowledge-base tables. `*_sources` tables hold what each source said, keyed by the source label
 * so a re-import replaces it; `intel_entities`, `intel_aliases`, `intel_refs` and `intel_indicators`
 * are the merged view, rebuilt in SQL from them after every import.
 */
export const intelDdl = [
  `CREATE TABLE IF NOT EXISTS intel_sources (
     source VARCHAR PRIMARY KEY, kind VARCHAR, path VARCHAR, digest VARCHAR, imported_at TIMESTAMP, counts JSON)`,
  `CREATE TABLE IF NOT EXISTS intel_entity_sources (
     entity_id VARCHAR, source VARCHAR, ref VARCHAR, type VARCHAR, name VARCHAR, aliases VARCHAR[],
     attack_ids VARCHAR[], other_refs VARCHAR[], description VARCHAR, country VARCHAR, attrs JSON,
     revoked BOOLEAN, deprecated BOOLEAN, url VARCHAR, published VARCHAR, tlp VARCHAR, rank INTEGER)`,
  `CREATE TABLE IF NOT EXISTS intel_entities (
     id VARCHAR PRIMARY KEY, type VARCHAR, name VARCHAR, aliases VARCHAR[], attack_ids VARCHAR[],
     refs VARCHAR[], country VARCHAR, description VARCHAR, revoked BOOLEAN, deprecated BOOLEAN,
     url VARCHAR, published VARCHAR, sources VARCHAR[])`,
  `CREATE TABLE IF NOT EXISTS intel_aliases (alias_key VARCHAR, alias VARCHAR, entity_id VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS intel_relationships (
     source_id VARCHAR, type VARCHAR, target_id VARCHAR, source VARCHAR, description VARCHAR,
     first_seen VARCHAR, last_seen VARCHAR)`,
  // Relationships whose ends no source has defined yet; resolved when a later import defines them.
  `CREATE TABLE IF NOT EXISTS intel_pending_rel (
     source VARCHAR, source_ref VARCHAR, type VARCHAR, target_ref VARCHAR, description VARCHAR,
     first_seen VARCHAR, last_seen VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS intel_indicator_sources (
     key VARCHAR, type VARCHAR, value VARCHAR, port INTEGER, ip_version TINYINT, ip_lo UHUGEINT,
     ip_hi UHUGEINT, source VARCHAR, ref VARCHAR, valid_from TIMESTAMP, valid_until TIMESTAMP,
     confidence INTEGER, tlp VARCHAR, first_seen TIMESTAMP, last_seen TIMESTAMP, description VARCHAR,
     pattern VARCHAR, to_ids BOOLEAN, revoked BOOLEAN, indicates VARCHAR[])`,
  `CREATE TABLE IF NOT EXISTS intel_indicator_links (key VARCHAR, entity_id VARCHAR, source VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS intel_indicators (
     key VARCHAR PRIMARY KEY, type VARCHAR, value VARCHAR, port INTEGER, ip_version TINYINT,
     ip_lo UHUGEINT, ip_hi UHUGEINT, valid_from TIMESTAMP, valid_until TIMESTAMP, confidence INTEGER,
     tlp VARCHAR, first_seen TIMESTAMP, last_seen TIMESTAMP, sources VARCHAR[], to_ids BOOLEAN,
     revoked BOOLEAN, warninglists VARCHAR[], context_lists VARCHAR[])`,
  `CREATE TABLE IF NOT EXISTS intel_observables (
     source VARCHAR, ref VARCHAR, kind VARCHAR, value VARCHAR, reason VARCHAR, indicates VARCHAR[])`,
  `CREATE TABLE IF NOT EXISTS intel_sightings (
     source VARCHAR, ref VARCHAR, count BIGINT, first_seen VARCHAR, last_seen VARCHAR, observer VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS warninglists (
     name VARCHAR PRIMARY KEY, description VARCHAR, version VARCHAR, match_type VARCHAR,
     category VARCHAR, matching_attributes VARCHAR[], scope VARCHAR[], suppresses BOOLEAN, entries BIGINT,
     source VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS warninglist_entries (
     list VARCHAR, value VARCHAR, ip_version TINYINT, ip_lo UHUGEINT, ip_hi UHUGEINT)`,
];

/** Schema v4: the knowledge base. */
export async function createIntelTables(c: DuckDBConnection): Promise<void> {
  for (const ddl of intelDdl) await c.run(ddl);
}
