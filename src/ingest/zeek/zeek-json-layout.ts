import { telemetryTables } from '../../store/schema/tables.js';

/** A Zeek JSON record with its pipeline's wrapping taken off. */
export interface ZeekJsonRecord {
  /** The record's fields under Zeek's own names (`id.orig_h`, `certificate.serial`). */
  readonly fields: Record<string, unknown>;
  /** The log type the record names (`_path`, `@stream`, a Kafka wrapper key …), or null. */
  readonly logType: string | null;
  /** The sensor the record names (`_system_name`, `@system`, `observer.name` …), or null. */
  readonly sensor: string | null;
}

// Fields that name the log type, in the order they are trusted. `type` is Logstash's (`bro_conn`).
const logTypeKeys = ['_path', '@stream', 'event.dataset', 'type'] as const;

// Fields that name the sensor: Corelight and json-streaming-logs, HELK/Mordor, ECS (Security Onion,
// Filebeat), and an ECS `host` object (a plain `host` string is HTTP's Host header, not a sensor).
const sensorKeys = ['_system_name', '@system', 'observer.name', 'host.name'] as const;

// Pipelines that rename the connection fields (ECS in Security Onion 2 and Filebeat, Security Onion
// 16.04's Logstash): read under Zeek's name when the record lacks the Zeek field itself.
const aliases: Readonly<Record<string, string>> = {
  'source.ip': 'id.orig_h',
  'source.port': 'id.orig_p',
  'destination.ip': 'id.resp_h',
  'destination.port': 'id.resp_p',
  source_ip: 'id.orig_h',
  source_port: 'id.orig_p',
  destination_ip: 'id.resp_h',
  destination_port: 'id.resp_p',
  'log.id.uid': 'uid',
  'network.transport': 'proto',
  'network.community_id': 'community_id',
  '@timestamp': 'ts',
};

// Zeek's dotted field names that some table reads; a record may spell them with another scope
// separator (`Log::default_scope_sep`), e.g. `id_orig_h` or `certificate:serial`.
const dotted = [
  ...new Set(
    Object.values(telemetryTables).flatMap((t) =>
      t.columns.flatMap((c) => (c.zeek?.includes('.') ? [c.zeek] : [])),
    ),
  ),
].map((name) => {
  const dot = name.indexOf('.');
  return { name, scope: name.slice(0, dot), field: name.slice(dot + 1) };
});
const plainNames = new Set(
  Object.values(telemetryTables).flatMap((t) => t.columns.flatMap((c) => (c.zeek ? [c.zeek] : []))),
);
const separator = /^[^A-Za-z0-9]{1,3}$/;
const renamed = new Map<string, string | null>();

/** Zeek's name for a key written with another scope separator, or null when it needs none. */
export function zeekFieldName(key: string): string | null {
  let hit = renamed.get(key);
  if (hit !== undefined) return hit;
  hit = null;
  if (!plainNames.has(key)) {
    for (const d of dotted) {
      if (
        key.length > d.scope.length + d.field.length &&
        key.startsWith(d.scope) &&
        key.endsWith(d.field) &&
        separator.test(key.slice(d.scope.length, key.length - d.field.length))
      ) {
        hit = d.name;
        break;
      }
    }
  }
  // Keys are few and repeat on every record: remember each answer (bounded against odd inputs).
  if (renamed.size < 10_000) renamed.set(key, hit);
  return hit;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function flattenInto(out: Record<string, unknown>, prefix: string, obj: Record<string, unknown>): void {
  for (const key in obj) {
    const v = obj[key];
    if (isObject(v)) flattenInto(out, `${prefix}${key}.`, v);
    else out[`${prefix}${key}`] = v;
  }
}

function logTypeFrom(key: (typeof logTypeKeys)[number], v: unknown): string | null {
  if (typeof v !== 'string' || v === '') return null;
  if (key === 'type') {
    const m = /^(?:bro|zeek)[_-]([a-z0-9_]+)$/i.exec(v);
    return m ? (m[1] as string).toLowerCase() : null;
  }
  // Filebeat writes `zeek.conn`; Security Onion 2 writes `conn`.
  return key === 'event.dataset' ? v.replace(/^zeek\./, '') : v;
}

const wrapperKey = /^[a-z][a-z0-9_]*$/;

// What a top-level key asks of the unwrapper: nothing (most keys of Zeek's own JSON), a rename, or a
// look at the fields naming the log type and sensor (a rename implies that look too, so it ranks
// highest). Remembered per key: records repeat their keys.
const plain = 0;
const meta = 1;
const rename = 2;
const kinds = new Map<string, number>();

function kindOf(key: string): number {
  let kind = kinds.get(key);
  if (kind === undefined) {
    kind =
      key in aliases || zeekFieldName(key) !== null
        ? rename
        : key !== '_path' &&
            ((logTypeKeys as readonly string[]).includes(key) ||
              (sensorKeys as readonly string[]).includes(key))
          ? meta
          : plain;
    if (kinds.size < 10_000) kinds.set(key, kind);
  }
  return kind;
}

/** The lone key of a `{"conn": {…}}` wrapper, or null. */
function wrapperOf(record: Record<string, unknown>): string | null {
  let only: string | null = null;
  for (const key in record) {
    if (only !== null) return null;
    only = key;
  }
  return only !== null && isObject(record[only]) && wrapperKey.test(only) ? only : null;
}

/**
 * Takes a record as a pipeline wrote it apart: a Kafka `{"conn": {…}}` wrapper, nested objects
 * (`"id": {"orig_h": …}`), another scope separator (`id_orig_h`), renamed connection fields, and the
 * fields naming its log type and sensor. Zeek's own JSON comes back unchanged.
 */
export function unwrapZeekJson(record: Record<string, unknown>): ZeekJsonRecord {
  const wrapped = wrapperOf(record);
  const body = wrapped === null ? record : (record[wrapped] as Record<string, unknown>);
  let needs = plain;
  for (const key in body) {
    const v = body[key];
    const kind = v !== null && typeof v === 'object' && !Array.isArray(v) ? rename : kindOf(key);
    if (kind > needs) needs = kind;
    if (needs === rename) break;
  }
  if (needs === plain) {
    // Zeek's own JSON: the hot path, no copy.
    const path = body['_path'];
    return {
      fields: body,
      logType: wrapped ?? (typeof path === 'string' && path !== '' ? path : null),
      sensor: null,
    };
  }
  let fields = body;
  if (needs === rename) {
    const flat: Record<string, unknown> = {};
    flattenInto(flat, '', body);
    fields = {};
    for (const key in flat) fields[zeekFieldName(key) ?? key] = flat[key];
    for (const from in aliases) {
      const to = aliases[from] as string;
      if (from in fields && fields[to] === undefined) {
        fields[to] = fields[from];
        delete fields[from];
      }
    }
  }
  let logType = wrapped;
  for (const key of logTypeKeys) {
    if (logType !== null) break;
    logType = logTypeFrom(key, fields[key]);
    // The field that named the type is not kept, as `_path` is not (the row plan skips `_path`).
    if (logType !== null && key !== '_path') fields = without(fields, key);
  }
  let sensor: string | null = null;
  for (const key of sensorKeys) {
    const v = fields[key];
    if (typeof v === 'string' && v !== '') {
      // A scope is named by its sensors joined with commas (`--sensor a,b`), so a name keeps none.
      sensor = v.replaceAll(',', '_');
      break;
    }
  }
  return { fields, logType, sensor };
}

function without(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  if (!(key in obj)) return obj;
  const { [key]: _, ...rest } = obj;
  return rest;
}

/**
 * Whether records with these top-level keys need `unwrapZeekJson` (a wrapper, a type or sensor
 * field other than `_path`, another scope separator, renamed fields): the store's JSON reader,
 * which maps keys one to one, must then leave the file to the JavaScript engine. Nested objects
 * (a Kafka wrapper, `"id": {…}`) do not show in the keys: the caller looks for those itself.
 */
export function keysNeedUnwrapping(keys: readonly string[]): boolean {
  return keys.some(
    (k) =>
      k !== '_path' &&
      ((logTypeKeys as readonly string[]).includes(k) ||
        (sensorKeys as readonly string[]).includes(k) ||
        k in aliases ||
        zeekFieldName(k) !== null),
  );
}
