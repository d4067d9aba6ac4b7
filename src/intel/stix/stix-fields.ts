/**
 * Readers for fields of parsed STIX objects. They look at own properties only, so keys such as
 * `__proto__` or `constructor` in hostile input are plain data and never reach a prototype.
 */
type Obj = Readonly<Record<string, unknown>>;

/** The own property `key`, or undefined. */
export function field(o: Obj, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A non-empty string field, trimmed. */
export function str(o: Obj, key: string): string | undefined {
  const v = field(o, key);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** The non-empty strings of a list field (anything else in the list is dropped). */
export function strList(o: Obj, key: string): string[] {
  const v = field(o, key);
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => (typeof x === 'string' && x.trim() !== '' ? [x.trim()] : []));
}

/** True only for a literal `true`. */
export function flag(o: Obj, key: string): boolean {
  return field(o, key) === true;
}

/** A finite number field. */
export function num(o: Obj, key: string): number | undefined {
  const v = field(o, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The objects in a list field (e.g. `external_references`, `kill_chain_phases`). */
export function objList(o: Obj, key: string): Obj[] {
  const v = field(o, key);
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x));
}

/** An object-valued field. */
export function objField(o: Obj, key: string): Obj | undefined {
  const v = field(o, key);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** The STIX type prefix of an id (`malware` of `malware--…`), or undefined when it is not an id. */
export function typeOfId(id: string): string | undefined {
  const m = /^([a-z0-9][a-z0-9-]*?)--\S+$/.exec(id);
  return m?.[1];
}
