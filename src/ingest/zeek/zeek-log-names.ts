/**
 * Log types Zeek and its common packages write (Zeek's "Log Files" reference, Corelight's open_*
 * logs). A file name is searched for one of these when the records do not name their type.
 */
export const knownZeekLogTypes = new Set([
  'analyzer',
  'arp',
  'broker',
  'capture_loss',
  'cluster',
  'config',
  'conn',
  'conn_long',
  'dce_rpc',
  'dhcp',
  'dnp3',
  'dns',
  'dpd',
  'files',
  'ftp',
  'http',
  'intel',
  'irc',
  'kerberos',
  'known_certs',
  'known_devices',
  'known_hosts',
  'known_modbus',
  'known_services',
  'ldap',
  'ldap_search',
  'loaded_scripts',
  'modbus',
  'modbus_register_change',
  'mqtt_connect',
  'mqtt_publish',
  'mqtt_subscribe',
  'mysql',
  'netcontrol',
  'netcontrol_catch_release',
  'netcontrol_drop',
  'netcontrol_shunt',
  'notice',
  'notice_alarm',
  'ntlm',
  'ntp',
  'ocsp',
  'open_conn',
  'open_http',
  'open_ssl',
  'openflow',
  'packet_filter',
  'pe',
  'postgresql',
  'print',
  'prof',
  'quic',
  'radius',
  'rdp',
  'reporter',
  'rfb',
  'signatures',
  'sip',
  'smb_cmd',
  'smb_files',
  'smb_mapping',
  'smtp',
  'snmp',
  'socks',
  'software',
  'ssh',
  'ssl',
  'stats',
  'syslog',
  'telemetry',
  'traceroute',
  'tunnel',
  'unknown_protocols',
  'websocket',
  'weird',
  'weird_stats',
  'x509',
]);

/** A log type read from a file name; `guessed` when the name is not simply `<type>.…`. */
export interface NamedLogType {
  readonly type: string;
  readonly guessed: boolean;
}

/**
 * Log type from a file name. Zeek's own names (`conn.log`, `conn.00-00-00-01-00-00.log.gz`,
 * `dns.json.gz`, `conn.log.labeled`, btest's `opt.basic__conn.log`) give their type as read. Names
 * with a host or sensor prefix or a date suffix (`NASHUA_conn.log`, `UTICA-A_dns.log`,
 * `conn_20240419.log`) give the longest known type among their `_`/`-` separated words, as a guess.
 */
export function logTypeOfFileName(name: string): NamedLogType | null {
  const base = name.includes('__') ? name.slice(name.lastIndexOf('__') + 2) : name;
  const stem = (base.split('.')[0] ?? '').toLowerCase();
  if (stem === '' || stem === 'eve' || stem === 'labeled') return null;
  if (knownZeekLogTypes.has(stem)) return { type: stem, guessed: false };
  const words = stem.split(/[-_]+/).filter((w) => w !== '');
  let best: string | null = null;
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= words.length; j++) {
      const candidate = words.slice(i, j).join('_');
      // The rightmost of equally long matches: a host name comes first, the log type after it.
      if (knownZeekLogTypes.has(candidate) && candidate.length >= (best?.length ?? 0)) best = candidate;
    }
  }
  if (best) return { type: best, guessed: true };
  // A log type Zeek does not ship: the name up to its first '-' (a rotation or host suffix).
  const m = /^([a-z][a-z0-9_]*)/.exec(stem);
  if (!m) return null;
  return { type: m[1] as string, guessed: m[1] !== stem };
}
