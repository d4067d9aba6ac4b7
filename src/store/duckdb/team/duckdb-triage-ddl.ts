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
];
