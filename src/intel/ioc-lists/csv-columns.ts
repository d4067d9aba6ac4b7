import type { IndicatorType, Tlp } from '../model.js';

/** Which column holds what, by index. */
export interface CsvColumns {
  readonly value: number;
  readonly type?: number;
  readonly description?: number;
  readonly firstSeen?: number;
  readonly lastSeen?: number;
  readonly confidence?: number;
  readonly tlp?: number;
  readonly toIds?: number;
}

const headerNames: Readonly<Record<keyof CsvColumns, readonly string[]>> = {
  value: [
    'value',
    'indicator',
    'ioc',
    'observable',
    'ioc_value',
    'indicator_value',
    'attribute_value',
    'data',
  ],
  type: ['type', 'indicator_type', 'ioc_type', 'attribute_type', 'observable_type', 'kind'],
  description: ['description', 'comment', 'comments', 'context', 'note', 'notes', 'info'],
  firstSeen: ['first_seen', 'firstseen', 'valid_from', 'created'],
  lastSeen: ['last_seen', 'lastseen', 'valid_until'],
  confidence: ['confidence', 'score'],
  tlp: ['tlp', 'tlp_level', 'marking'],
  toIds: ['to_ids', 'toids', 'ids'],
};

/** The columns a header names, or null when it names no value column. */
export function columnsOf(header: readonly string[]): CsvColumns | null {
  const norm = header.map((h) =>
    h
      .toLowerCase()
      .replace(/^\uFEFF/, '')
      .trim()
      .replace(/[\s-]+/g, '_'),
  );
  const find = (key: keyof CsvColumns): number | undefined => {
    for (const name of headerNames[key]) {
      const i = norm.indexOf(name);
      if (i >= 0) return i;
    }
    return undefined;
  };
  const value = find('value');
  if (value === undefined) return null;
  const out: Record<string, number> = { value };
  for (const key of Object.keys(headerNames) as (keyof CsvColumns)[]) {
    const i = find(key);
    if (key !== 'value' && i !== undefined && i !== value) out[key] = i;
  }
  return out as unknown as CsvColumns;
}

/** How a value of a declared CSV type is read. */
export type CsvTypeRule =
  | { readonly kind: 'detect' }
  /** Hex fingerprints that look like hashes; read only as the declared type. */
  | { readonly kind: 'as'; readonly type: IndicatorType }
  | { readonly kind: 'observable'; readonly name: string };

/** Declared types that hold network-matchable values; detection picks the exact type. */
const networkTypes = new Set(
  (
    'ip ipv4 ipv6 ip_dst ip_src ipv4_addr ipv6_addr ip_address ipaddress cidr ip_range netblock domain domain_name ' +
    'hostname host fqdn url uri link md5 sha1 sha256 hash filehash filehash_md5 filehash_sha1 filehash_sha256 ' +
    'hash_md5 hash_sha1 hash_sha256 file_md5 file_sha1 file_sha256 email email_src email_dst email_addr ' +
    'email_address emailaddress'
  ).split(' '),
);
const fingerprintTypes: Readonly<Record<string, IndicatorType>> = {
  ja3: 'ja3',
  ja3_fingerprint_md5: 'ja3',
  ja3s: 'ja3s',
  ja3s_fingerprint_md5: 'ja3s',
  ja4: 'ja4',
  x509: 'x509',
  x509_fingerprint_sha1: 'x509',
  x509_fingerprint_sha256: 'x509',
  x509_fingerprint_md5: 'x509',
};

/** The rule for one declared type (a part of a MISP composite type such as `filename|md5` too). */
export function ruleOfType(declared: string): CsvTypeRule {
  const t = declared
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_');
  if (t === '' || networkTypes.has(t)) return { kind: 'detect' };
  const fp = Object.hasOwn(fingerprintTypes, t) ? fingerprintTypes[t] : undefined;
  if (fp) return { kind: 'as', type: fp };
  return { kind: 'observable', name: t.replace(/_/g, '-') };
}

/** TLP from `TLP:AMBER`, `amber`, `white` (TLP 1.0, read as clear) and the like. */
export function tlpOf(raw: string | undefined): Tlp | undefined {
  const t = raw
    ?.toLowerCase()
    .replace(/^tlp\s*:?\s*/, '')
    .trim();
  if (t === 'white' || t === 'clear') return 'clear';
  if (t === 'green' || t === 'amber' || t === 'red' || t === 'amber+strict') return t;
  return undefined;
}

/** Confidence 0–100 from a number or a word (high, medium, low). */
export function confidenceOf(raw: string | undefined): number | undefined {
  const t = raw?.trim().toLowerCase();
  if (!t) return undefined;
  const words: Record<string, number> = { high: 85, medium: 50, moderate: 50, low: 15 };
  if (Object.hasOwn(words, t)) return words[t];
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

/** `to_ids` as a boolean, or undefined when the cell says neither. */
export function boolOf(raw: string | undefined): boolean | undefined {
  const t = raw?.trim().toLowerCase();
  if (t === '1' || t === 'true' || t === 'yes') return true;
  if (t === '0' || t === 'false' || t === 'no') return false;
  return undefined;
}
