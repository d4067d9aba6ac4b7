import { createHash } from 'node:crypto';

/** STIX 2.1 §3.4: the namespace every producer uses for deterministic SCO ids. */
export const scoNamespace = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** mamori's own namespace for SDO and SRO ids, so the same incident always gets the same ids. */
export const mamoriNamespace = '6f1c2d8e-4b3a-4e5f-9a7b-2c9d0e1f3a4b';

/** RFC 4122 name-based UUID, version 5 (SHA-1). */
export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * JSON with keys sorted at every level and no whitespace: RFC 8785 canonical form for the values
 * SCO id contributing properties hold (strings, integers, arrays of strings, nested objects).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** STIX 2.1 §3.4 deterministic SCO id from the type's ID contributing properties. */
export function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(scoNamespace, canonicalJson(contributing))}`;
}

/** A deterministic SDO/SRO id: the same type and content key give the same id on every run. */
export function objectId(type: string, key: string): string {
  return `${type}--${uuidv5(mamoriNamespace, `${type}|${key}`)}`;
}
