/**
 * Readers for untrusted parsed JSON: each returns a value of the wanted shape or undefined, and
 * none copies objects, so keys like `__proto__` in the data never reach our own objects.
 */
import { clip } from '../../clip.js';

/** A plain JSON object (not an array, not null). */
export type JsonObject = { readonly [key: string]: unknown };

/** True for a JSON object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The own property `key` of `o` (never an inherited one such as `constructor`). */
export function field(o: JsonObject, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A non-empty trimmed string (numbers and booleans as text), clipped to `max` characters. */
export function text(v: unknown, max = 4000): string | undefined {
  let s: string;
  if (typeof v === 'string') s = v.trim();
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (typeof v === 'boolean') s = String(v);
  else return undefined;
  if (s === '') return undefined;
  return clip(s, max, { mark: '...' });
}

/** The strings of a string or array of strings, at most `maxItems` of them. */
export function texts(v: unknown, maxItems = 100, maxLength = 500): string[] {
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const item of list) {
    const s = text(item, maxLength);
    if (s !== undefined && !out.includes(s)) out.push(s);
    if (out.length >= maxItems) break;
  }
  return out;
}

/** The objects of an array field (anything else in it is dropped). */
export function objects(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** MISP booleans come as true, 1, "1" or "true". */
export function flag(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  return undefined;
}

/** ISO time of a MISP epoch-seconds timestamp ("1513936310" or a number); "0" means unset. */
export function epochIso(v: unknown): string | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'number' ? v : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const d = new Date(n * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** ISO time of a date or date-time string (MISP `first_seen`, event `date`), else undefined. */
export function isoTime(v: unknown): string | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A lower-cased UUID, or undefined when `v` is not one. */
export function uuidOf(v: unknown): string | undefined {
  return typeof v === 'string' && uuidRe.test(v.trim()) ? v.trim().toLowerCase() : undefined;
}
