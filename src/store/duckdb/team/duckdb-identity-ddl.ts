/**
 * Users, organisations, API tokens, browser sessions and the audit log (schema v11): one identity
 * model for the web UI, the REST API and TAXII. Secrets are stored only as hashes.
 */
export const identityDdl = [
  `CREATE TABLE IF NOT EXISTS organisations (
     org_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS users (
     user_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, display_name VARCHAR NOT NULL,
     org_id VARCHAR NOT NULL, role VARCHAR NOT NULL, password_hash VARCHAR, disabled BOOLEAN NOT NULL,
     created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS api_tokens (
     token_id VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, label VARCHAR NOT NULL, role VARCHAR NOT NULL,
     secret_hash VARCHAR NOT NULL UNIQUE, created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP,
     last_used_at TIMESTAMP, revoked BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS sessions (
     id_hash VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, csrf_token VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL)`,
  `CREATE SEQUENCE IF NOT EXISTS audit_seq START 1`,
  `CREATE TABLE IF NOT EXISTS audit_log (
     audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'), logged_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL,
     action VARCHAR NOT NULL, target VARCHAR NOT NULL, detail JSON, origin VARCHAR NOT NULL)`,
];
