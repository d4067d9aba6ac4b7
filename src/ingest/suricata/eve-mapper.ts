import { provenanceNames } from '../../store/schema/column.js';
import { type TelemetryTableName, telemetryTables } from '../../store/schema/tables.js';
import type { CellValue } from '../../store/store.js';
import { isoToMicros } from '../../zeek/zeek-values.js';
import { jsonToCell } from '../json-values.js';
import { FieldError } from '../zeek/zeek-row-plan.js';

type Eve = Record<string, unknown>;
type Fields = Record<string, unknown>;

/** One EVE event as a row of a telemetry table. */
export interface EveRow {
  readonly table: TelemetryTableName;
  readonly values: CellValue[];
  readonly extra: string;
}

const obj = (v: unknown): Fields =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function endpoints(e: Eve): Fields {
  return {
    ts: e['timestamp'],
    uid: e['flow_id'] === undefined ? null : String(e['flow_id']),
    orig_h: e['src_ip'],
    orig_p: e['src_port'],
    resp_h: e['dest_ip'],
    resp_p: e['dest_port'],
    community_id: str(e['community_id']),
  };
}

/** Seconds between two EVE timestamps, to the microsecond Suricata writes (Date.parse keeps ms). */
export function seconds(a: unknown, b: unknown): number | null {
  if (typeof a !== 'string' || typeof b !== 'string') return null;
  const start = isoToMicros(a);
  const end = isoToMicros(b);
  return start === null || end === null ? null : Number(end - start) / 1e6;
}

function flow(e: Eve): Fields {
  const f = obj(e['flow']);
  return {
    ...endpoints(e),
    ts: f['start'] ?? e['timestamp'],
    proto: str(e['proto'])?.toLowerCase(),
    service: e['app_proto'] === 'failed' ? null : e['app_proto'],
    duration: seconds(f['start'], f['end']),
    orig_bytes: f['bytes_toserver'],
    resp_bytes: f['bytes_toclient'],
    conn_state: f['state'],
    orig_pkts: f['pkts_toserver'],
    orig_ip_bytes: f['bytes_toserver'],
    resp_pkts: f['pkts_toclient'],
    resp_ip_bytes: f['bytes_toclient'],
    is_open: false,
  };
}

function dns(e: Eve): Fields {
  const d = obj(e['dns']);
  const q = obj(Array.isArray(d['queries']) ? d['queries'][0] : undefined);
  const answers = Array.isArray(d['answers']) ? (d['answers'] as unknown[]).map(obj) : [];
  const grouped = Object.values(obj(d['grouped'])).flat();
  return {
    ...endpoints(e),
    proto: str(e['proto'])?.toLowerCase(),
    trans_id: d['id'] ?? d['tx_id'],
    query: d['rrname'] ?? q['rrname'],
    qtype_name: d['rrtype'] ?? q['rrtype'],
    rcode_name: d['rcode'],
    answers:
      answers.length > 0
        ? answers.map((a) => a['rdata'] ?? a['rrname']).filter((a) => a !== undefined)
        : grouped.length > 0
          ? grouped
          : null,
    ttls: answers.length > 0 ? answers.map((a) => a['ttl'] ?? null) : null,
  };
}

function http(e: Eve): Fields {
  const h = obj(e['http']);
  return {
    ...endpoints(e),
    method: h['http_method'],
    host: h['hostname'],
    uri: h['url'],
    referrer: h['http_refer'],
    version: h['protocol'],
    user_agent: h['http_user_agent'],
    response_body_len: h['length'],
    status_code: h['status'],
    resp_mime_types: typeof h['http_content_type'] === 'string' ? [h['http_content_type']] : null,
    is_open: false,
  };
}

function tls(e: Eve): Fields {
  const t = obj(e['tls']);
  return {
    ...endpoints(e),
    version: t['version'],
    server_name: t['sni'],
    subject: t['subject'],
    issuer: t['issuerdn'],
    established: true,
    ja3: obj(t['ja3'])['hash'],
    ja3s: obj(t['ja3s'])['hash'],
    ja4: typeof t['ja4'] === 'string' ? t['ja4'] : obj(t['ja4'])['hash'],
    is_open: false,
  };
}

function fileinfo(e: Eve): Fields {
  const f = obj(e['fileinfo']);
  return {
    ...endpoints(e),
    fuid: f['file_id'] === undefined ? null : String(f['file_id']),
    source: e['app_proto'],
    mime_type: f['magic'],
    filename: f['filename'],
    seen_bytes: f['size'],
    md5: f['md5'],
    sha1: f['sha1'],
    sha256: f['sha256'],
  };
}

function alert(e: Eve): Fields {
  const a = obj(e['alert']);
  return {
    ...endpoints(e),
    proto: str(e['proto'])?.toLowerCase(),
    app_proto: e['app_proto'],
    action: a['action'],
    gid: a['gid'],
    signature_id: a['signature_id'],
    rev: a['rev'],
    signature: a['signature'],
    category: a['category'],
    severity: a['severity'],
    metadata: a['metadata'],
  };
}

function anomaly(e: Eve): Fields {
  const a = obj(e['anomaly']);
  return { ...endpoints(e), name: a['event'] ?? a['type'], addl: a['layer'], source: 'suricata' };
}

const mappers = {
  flow: ['conn', flow],
  dns: ['dns', dns],
  http: ['http', http],
  tls: ['ssl', tls],
  fileinfo: ['files', fileinfo],
  alert: ['alerts', alert],
  anomaly: ['weird', anomaly],
} as const satisfies Record<string, readonly [TelemetryTableName, (e: Eve) => Fields]>;

/** Maps one EVE event to its table; unknown event types go to `events`. The full event is kept in `extra`. */
export function mapEveEvent(e: Eve): EveRow | FieldError {
  const type = e['event_type'];
  if (typeof type !== 'string') return new FieldError('event has no event_type');
  const mapper = (mappers as Record<string, readonly [TelemetryTableName, (e: Eve) => Fields]>)[type];
  const table: TelemetryTableName = mapper ? mapper[0] : 'events';
  const fields: Fields = mapper ? mapper[1](e) : { ...endpoints(e), log_type: `suricata.${type}` };
  const values: CellValue[] = [];
  for (const col of telemetryTables[table].columns) {
    if (provenanceNames.has(col.name)) continue;
    const v = jsonToCell(fields[col.name], col, `${type}.${col.name}`);
    if (v instanceof FieldError) return v;
    values.push(v);
  }
  return { table, values, extra: JSON.stringify(e) };
}
