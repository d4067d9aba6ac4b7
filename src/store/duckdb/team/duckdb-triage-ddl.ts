/**
 * The analyst's loop (schema v12): the assignee beside each incident's status (v10's
 * `incident_triage`), every note, every change, the suppressions, the old ids an incident carried
 * before its hosts or servers grew, and the severity each incident was last alerted at.
 */
export const triageV2Ddl = [
  `ALTER TABLE incident_triage ADD COLUMN IF NOT EXISTS assignee VARCHAR`,
  `UPDATE incident_triage SET status = CASE status WHEN 'open' THEN 'new' WHEN 'confirmed' THEN 'true-positive' ELSE status END`,
  `CREATE SEQUENCE IF NOT EXISTS incident_note_seq START 1`,
  `CREATE TABLE IF NOT EXISTS incident_notes (
     note_id BIGINT PRIMARY KEY DEFAULT nextval('incident_note_seq'), incident_id VARCHAR NOT NULL,
     author VARCHAR NOT NULL, text VARCHAR NOT NULL, noted_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS incident_history (
     incident_id VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, field VARCHAR NOT NULL,
     from_value VARCHAR, to_value VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS suppressions (
     suppression_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, host VARCHAR, destination VARCHAR,
     ja3 VARCHAR, detector VARCHAR, scope VARCHAR, author VARCHAR NOT NULL, reason VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP, incident_id VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS incident_aliases (
     old_id VARCHAR PRIMARY KEY, incident_id VARCHAR NOT NULL, aliased_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS alert_state (
     incident_id VARCHAR PRIMARY KEY, severity VARCHAR NOT NULL, alerted_at TIMESTAMP NOT NULL)`,
  // The triage queue filters and sorts 10,000 incidents without parsing their bodies: the verdict,
  // the top hypothesis's ICD 203 term, the searchable hosts and servers and the verdict's reasons get
  // columns of their own.
  `ALTER TABLE incidents ADD COLUMN IF NOT EXISTS verdict VARCHAR`,
  `ALTER TABLE incidents ADD COLUMN IF NOT EXISTS top_term VARCHAR`,
  `ALTER TABLE incidents ADD COLUMN IF NOT EXISTS search_text VARCHAR`,
  `ALTER TABLE incidents ADD COLUMN IF NOT EXISTS verdict_reasons VARCHAR`,
  `UPDATE incidents SET
     verdict = coalesce(json_extract_string(body, '$.incident.verdict'), 'suspicious'),
     top_term = CASE WHEN top_actor IS NULL THEN NULL
                     ELSE json_extract_string(body, '$.attribution.hypotheses[0].term') END,
     search_text = lower(json_extract(body, '$.incident.hosts')::VARCHAR || ' '
                         || json_extract(body, '$.incident.servers')::VARCHAR),
     verdict_reasons = coalesce(json_extract(body, '$.incident.verdictReasons'), '[]')::VARCHAR
   WHERE verdict IS NULL`,
];
