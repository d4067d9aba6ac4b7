import { clip } from '../../../clip.js';
import { normalizeAs } from '../../indicators/normalize.js';
import type { IndicatorRecord, IndicatorType, IntelItem, ObservableRecord, Ref, Tlp } from '../../model.js';
import { epochIso, field, flag, isoTime, type JsonObject, text } from '../json-values.js';
import { attributeHandling } from './attribute-types.js';

/** What an attribute's records share: its ref, TLP, attribution, and an ip-port object's port. */
export interface AttributeScope {
  readonly ref: Ref;
  readonly tlp?: Tlp;
  readonly indicates: readonly Ref[];
  readonly confidence?: number;
  readonly port?: number;
  /** From an expiration sighting. */
  readonly validUntil?: string;
  /** A note for the description, such as false-positive sightings. */
  readonly note?: string;
}

/** Indicator and observable records of one attribute, and messages for values that are not what their type says. */
export interface AttributeResult {
  readonly items: IntelItem[];
  readonly problems: string[];
  /** Set when the type is context, not an indicator or observable. */
  readonly skipped?: string;
}

const maxObservableLength = 1000;

/** Turns one MISP attribute of type `type` and value `value` into records. */
export function attributeRecords(
  attr: JsonObject,
  type: string,
  value: string,
  scope: AttributeScope,
): AttributeResult {
  const items: IntelItem[] = [];
  const problems: string[] = [];
  const base = indicatorBase(attr, scope);
  const indicator = (t: IndicatorType, raw: string, extra?: { port?: number; note?: string }): void => {
    const n = normalizeAs(t, raw);
    if (!n.ok) {
      problems.push(`${type} "${clip(raw, 80, { mark: '...' })}": ${n.reason}`);
      return;
    }
    const port = extra?.port ?? n.port;
    const description = joinText(base.description, extra?.note);
    items.push({
      kind: 'indicator',
      indicator: {
        ...base,
        type: n.type,
        value: n.value,
        ...(port !== undefined ? { port } : {}),
        ...(description ? { description } : {}),
      },
    });
  };
  const observable = (kind: string, raw: string, reason: string): void => {
    const record: ObservableRecord = {
      ref: scope.ref,
      kind,
      value: clip(raw, maxObservableLength, { mark: '...' }),
      reason,
      ...(scope.indicates.length > 0 ? { indicates: scope.indicates } : {}),
    };
    items.push({ kind: 'observable', observable: record });
  };

  const handling = attributeHandling(type);
  switch (handling.as) {
    case 'skip':
      return { items, problems, skipped: handling.reason };
    case 'observable':
      observable(type, value, handling.reason);
      break;
    case 'address':
      indicator('cidr', value, scope.port !== undefined ? { port: scope.port } : undefined);
      break;
    case 'address-port': {
      const [ip, port] = splitPair(value);
      const p = parsePort(port);
      if (p === undefined)
        problems.push(
          `${type} "${clip(value, 80, { mark: '...' })}": "${clip(port, 80, { mark: '...' })}" is not a port`,
        );
      else indicator('cidr', ip, { port: p });
      break;
    }
    case 'host':
      indicator('domain', value);
      break;
    case 'host-port': {
      const [host, port] = splitPair(value);
      const p = parsePort(port);
      indicator('domain', host, p !== undefined ? { note: `port ${p}` } : undefined);
      break;
    }
    case 'host-address': {
      const [host, ip] = splitPair(value);
      indicator('domain', host, { note: `resolved to ${ip}` });
      indicator('cidr', ip, { note: `address of ${host}` });
      break;
    }
    case 'url':
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || type === 'url') {
        // MISP urls often lack the scheme ("evil.example/gate.php").
        indicator('url', /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
      } else {
        observable(type, value, 'a path without a host');
      }
      break;
    case 'typed':
      indicator(handling.type, value);
      break;
    case 'file-hash': {
      const [filename, hash] = splitPair(value);
      if (hash === '' && type === 'malware-sample') {
        observable('filename', filename, 'a file name: not matchable in network data');
        break;
      }
      indicator(handling.type, hash, filename ? { note: `file ${filename}` } : undefined);
      if (filename) observable('filename', filename, 'a file name: not matchable in network data');
      break;
    }
  }
  return { items, problems };
}

type IndicatorBase = Omit<IndicatorRecord, 'type' | 'value'>;

/** The fields every indicator of the attribute shares. */
function indicatorBase(attr: JsonObject, scope: AttributeScope): IndicatorBase {
  const timestamp = epochIso(field(attr, 'timestamp'));
  const firstSeen = isoTime(field(attr, 'first_seen')) ?? timestamp;
  const lastSeen = isoTime(field(attr, 'last_seen')) ?? timestamp;
  const toIds = flag(field(attr, 'to_ids'));
  const comment = text(field(attr, 'comment'), 2000);
  const description = comment && scope.note ? `${comment} (${scope.note})` : (comment ?? scope.note);
  return {
    ref: scope.ref,
    ...(scope.tlp ? { tlp: scope.tlp } : {}),
    ...(scope.confidence !== undefined ? { confidence: scope.confidence } : {}),
    ...(scope.validUntil ? { validUntil: scope.validUntil } : {}),
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    ...(description ? { description } : {}),
    ...(toIds !== undefined ? { toIds } : {}),
    ...(scope.indicates.length > 0 ? { indicates: scope.indicates } : {}),
  };
}

/** Splits `a|b` at the last bar (IPv6 and file names may hold anything but the bar before the hash). */
function splitPair(value: string): [string, string] {
  const i = value.lastIndexOf('|');
  if (i < 0) return [value.trim(), ''];
  return [value.slice(0, i).trim(), value.slice(i + 1).trim()];
}

function parsePort(s: string): number | undefined {
  if (!/^\d{1,5}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : undefined;
}

function joinText(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a} (${b})` : (a ?? b);
}
