import { connIdColumns, type TableSpec, table } from './column.js';

const conn = table('conn', 'Connections (Zeek conn and open_conn, Suricata flow)', [
  ...connIdColumns(),
  { name: 'proto', type: 'varchar', zeek: 'proto' },
  { name: 'service', type: 'varchar', zeek: 'service' },
  { name: 'duration', type: 'double', zeek: 'duration' },
  { name: 'orig_bytes', type: 'ubigint', zeek: 'orig_bytes' },
  { name: 'resp_bytes', type: 'ubigint', zeek: 'resp_bytes' },
  { name: 'conn_state', type: 'varchar', zeek: 'conn_state' },
  { name: 'local_orig', type: 'boolean', zeek: 'local_orig' },
  { name: 'local_resp', type: 'boolean', zeek: 'local_resp' },
  { name: 'missed_bytes', type: 'ubigint', zeek: 'missed_bytes' },
  { name: 'history', type: 'varchar', zeek: 'history' },
  { name: 'orig_pkts', type: 'ubigint', zeek: 'orig_pkts' },
  { name: 'orig_ip_bytes', type: 'ubigint', zeek: 'orig_ip_bytes' },
  { name: 'resp_pkts', type: 'ubigint', zeek: 'resp_pkts' },
  { name: 'resp_ip_bytes', type: 'ubigint', zeek: 'resp_ip_bytes' },
  { name: 'tunnel_parents', type: 'varchar[]', zeek: 'tunnel_parents' },
  // open_conn snapshots of still-running connections; the closed record of the same uid supersedes them.
  { name: 'is_open', type: 'boolean' },
  // The flow's Community ID (Zeek's community-id plugin, Suricata's community_id); null without it.
  { name: 'community_id', type: 'varchar', zeek: 'community_id' },
]);

const dns = table('dns', 'DNS transactions (Zeek dns, Suricata dns)', [
  ...connIdColumns(),
  { name: 'proto', type: 'varchar', zeek: 'proto' },
  { name: 'trans_id', type: 'ubigint', zeek: 'trans_id' },
  { name: 'rtt', type: 'double', zeek: 'rtt' },
  { name: 'query', type: 'varchar', zeek: 'query' },
  { name: 'qclass', type: 'ubigint', zeek: 'qclass' },
  { name: 'qclass_name', type: 'varchar', zeek: 'qclass_name' },
  { name: 'qtype', type: 'ubigint', zeek: 'qtype' },
  { name: 'qtype_name', type: 'varchar', zeek: 'qtype_name' },
  { name: 'rcode', type: 'ubigint', zeek: 'rcode' },
  { name: 'rcode_name', type: 'varchar', zeek: 'rcode_name' },
  { name: 'aa', type: 'boolean', zeek: 'AA' },
  { name: 'tc', type: 'boolean', zeek: 'TC' },
  { name: 'rd', type: 'boolean', zeek: 'RD' },
  { name: 'ra', type: 'boolean', zeek: 'RA' },
  { name: 'z', type: 'ubigint', zeek: 'Z' },
  { name: 'answers', type: 'varchar[]', zeek: 'answers' },
  { name: 'ttls', type: 'double[]', zeek: 'TTLs' },
  { name: 'rejected', type: 'boolean', zeek: 'rejected' },
]);

const http = table('http', 'HTTP requests (Zeek http and open_http, Suricata http)', [
  ...connIdColumns(),
  { name: 'trans_depth', type: 'ubigint', zeek: 'trans_depth' },
  { name: 'method', type: 'varchar', zeek: 'method' },
  { name: 'host', type: 'varchar', zeek: 'host' },
  { name: 'uri', type: 'varchar', zeek: 'uri' },
  { name: 'referrer', type: 'varchar', zeek: 'referrer' },
  { name: 'version', type: 'varchar', zeek: 'version' },
  { name: 'user_agent', type: 'varchar', zeek: 'user_agent' },
  { name: 'origin', type: 'varchar', zeek: 'origin' },
  { name: 'request_body_len', type: 'ubigint', zeek: 'request_body_len' },
  { name: 'response_body_len', type: 'ubigint', zeek: 'response_body_len' },
  { name: 'status_code', type: 'ubigint', zeek: 'status_code' },
  { name: 'status_msg', type: 'varchar', zeek: 'status_msg' },
  { name: 'tags', type: 'varchar[]', zeek: 'tags' },
  { name: 'username', type: 'varchar', zeek: 'username' },
  { name: 'proxied', type: 'varchar[]', zeek: 'proxied' },
  { name: 'orig_fuids', type: 'varchar[]', zeek: 'orig_fuids' },
  { name: 'orig_mime_types', type: 'varchar[]', zeek: 'orig_mime_types' },
  { name: 'resp_fuids', type: 'varchar[]', zeek: 'resp_fuids' },
  { name: 'resp_mime_types', type: 'varchar[]', zeek: 'resp_mime_types' },
  { name: 'is_open', type: 'boolean' },
]);

const ssl = table('ssl', 'TLS sessions (Zeek ssl and open_ssl, Suricata tls)', [
  ...connIdColumns(),
  { name: 'version', type: 'varchar', zeek: 'version' },
  { name: 'cipher', type: 'varchar', zeek: 'cipher' },
  { name: 'curve', type: 'varchar', zeek: 'curve' },
  { name: 'server_name', type: 'varchar', zeek: 'server_name' },
  { name: 'resumed', type: 'boolean', zeek: 'resumed' },
  { name: 'last_alert', type: 'varchar', zeek: 'last_alert' },
  { name: 'next_protocol', type: 'varchar', zeek: 'next_protocol' },
  { name: 'established', type: 'boolean', zeek: 'established' },
  { name: 'ssl_history', type: 'varchar', zeek: 'ssl_history' },
  { name: 'cert_chain_fps', type: 'varchar[]', zeek: 'cert_chain_fps' },
  { name: 'cert_chain_fuids', type: 'varchar[]', zeek: 'cert_chain_fuids' },
  { name: 'subject', type: 'varchar', zeek: 'subject' },
  { name: 'issuer', type: 'varchar', zeek: 'issuer' },
  { name: 'validation_status', type: 'varchar', zeek: 'validation_status' },
  { name: 'ja3', type: 'varchar', zeek: 'ja3' },
  { name: 'ja3s', type: 'varchar', zeek: 'ja3s' },
  { name: 'ja4', type: 'varchar', zeek: 'ja4' },
  { name: 'is_open', type: 'boolean' },
]);

const x509 = table('x509', 'Certificates (Zeek x509)', [
  { name: 'fingerprint', type: 'varchar', zeek: 'fingerprint' },
  { name: 'fuid', type: 'varchar', zeek: 'id' },
  { name: 'cert_version', type: 'ubigint', zeek: 'certificate.version' },
  { name: 'serial', type: 'varchar', zeek: 'certificate.serial' },
  { name: 'subject', type: 'varchar', zeek: 'certificate.subject' },
  { name: 'issuer', type: 'varchar', zeek: 'certificate.issuer' },
  { name: 'not_valid_before', type: 'timestamp', zeek: 'certificate.not_valid_before' },
  { name: 'not_valid_after', type: 'timestamp', zeek: 'certificate.not_valid_after' },
  { name: 'key_alg', type: 'varchar', zeek: 'certificate.key_alg' },
  { name: 'sig_alg', type: 'varchar', zeek: 'certificate.sig_alg' },
  { name: 'key_type', type: 'varchar', zeek: 'certificate.key_type' },
  { name: 'key_length', type: 'ubigint', zeek: 'certificate.key_length' },
  { name: 'san_dns', type: 'varchar[]', zeek: 'san.dns' },
  { name: 'san_ip', type: 'varchar[]', zeek: 'san.ip' },
  { name: 'is_ca', type: 'boolean', zeek: 'basic_constraints.ca' },
  { name: 'host_cert', type: 'boolean', zeek: 'host_cert' },
  { name: 'client_cert', type: 'boolean', zeek: 'client_cert' },
]);

const files = table('files', 'Files seen on the wire (Zeek files, Suricata fileinfo)', [
  { name: 'fuid', type: 'varchar', zeek: 'fuid' },
  ...connIdColumns(),
  { name: 'tx_hosts', type: 'varchar[]', zeek: 'tx_hosts' },
  { name: 'rx_hosts', type: 'varchar[]', zeek: 'rx_hosts' },
  { name: 'conn_uids', type: 'varchar[]', zeek: 'conn_uids' },
  { name: 'source', type: 'varchar', zeek: 'source' },
  { name: 'analyzers', type: 'varchar[]', zeek: 'analyzers' },
  { name: 'mime_type', type: 'varchar', zeek: 'mime_type' },
  { name: 'filename', type: 'varchar', zeek: 'filename' },
  { name: 'duration', type: 'double', zeek: 'duration' },
  { name: 'is_orig', type: 'boolean', zeek: 'is_orig' },
  { name: 'seen_bytes', type: 'ubigint', zeek: 'seen_bytes' },
  { name: 'total_bytes', type: 'ubigint', zeek: 'total_bytes' },
  { name: 'missing_bytes', type: 'ubigint', zeek: 'missing_bytes' },
  { name: 'md5', type: 'varchar', zeek: 'md5' },
  { name: 'sha1', type: 'varchar', zeek: 'sha1' },
  { name: 'sha256', type: 'varchar', zeek: 'sha256' },
  { name: 'extracted', type: 'varchar', zeek: 'extracted' },
]);

const notice = table('notice', 'Zeek notices', [
  ...connIdColumns(),
  { name: 'fuid', type: 'varchar', zeek: 'fuid' },
  { name: 'proto', type: 'varchar', zeek: 'proto' },
  { name: 'note', type: 'varchar', zeek: 'note' },
  { name: 'msg', type: 'varchar', zeek: 'msg' },
  { name: 'sub', type: 'varchar', zeek: 'sub' },
  { name: 'src', type: 'varchar', zeek: 'src', address: true },
  { name: 'dst', type: 'varchar', zeek: 'dst', address: true },
  { name: 'p', type: 'integer', zeek: 'p' },
  { name: 'n', type: 'ubigint', zeek: 'n' },
  { name: 'actions', type: 'varchar[]', zeek: 'actions' },
]);

const weird = table('weird', 'Protocol anomalies (Zeek weird, Suricata anomaly)', [
  ...connIdColumns(),
  { name: 'name', type: 'varchar', zeek: 'name' },
  { name: 'addl', type: 'varchar', zeek: 'addl' },
  { name: 'notice', type: 'boolean', zeek: 'notice' },
  { name: 'peer', type: 'varchar', zeek: 'peer' },
  { name: 'source', type: 'varchar', zeek: 'source' },
]);

const alerts = table('alerts', 'IDS alerts (Suricata alert)', [
  ...connIdColumns(),
  { name: 'proto', type: 'varchar' },
  { name: 'app_proto', type: 'varchar' },
  { name: 'action', type: 'varchar' },
  { name: 'gid', type: 'ubigint' },
  { name: 'signature_id', type: 'ubigint' },
  { name: 'rev', type: 'ubigint' },
  { name: 'signature', type: 'varchar' },
  { name: 'category', type: 'varchar' },
  { name: 'severity', type: 'integer' },
  { name: 'metadata', type: 'json' },
  { name: 'community_id', type: 'varchar' },
]);

// Logs with no table of their own (ssh, smtp, kerberos, Suricata stats…) keep every field in `extra`.
const events = table('events', 'Every other log type, fields kept as JSON in `extra`', [
  { name: 'log_type', type: 'varchar' },
  ...connIdColumns(),
]);

/** Every telemetry table, keyed by name. */
export const telemetryTables = {
  conn,
  dns,
  http,
  ssl,
  x509,
  files,
  notice,
  weird,
  alerts,
  events,
} as const satisfies Record<string, TableSpec>;

export type TelemetryTableName = keyof typeof telemetryTables;

export const telemetryTableNames = Object.keys(telemetryTables) as TelemetryTableName[];
