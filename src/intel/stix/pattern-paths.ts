import type { IndicatorType } from '../model.js';
import type { ObjectPath } from './pattern/index.js';

/**
 * What a pattern object path means to network matching: a `value` of an indicator type, the
 * `port` of a connection, a `neutral` condition that holds whenever the value matches
 * (`network-traffic:dst_ref.type = 'ipv4-addr'`), or `other` (nothing network data shows).
 */
export type PathClass =
  | {
      readonly kind: 'value';
      readonly type: IndicatorType;
      readonly objectType: string;
      /** A `network-traffic:dst_port` in the same observation applies to this value. */
      readonly portable: boolean;
    }
  | { readonly kind: 'port' }
  | { readonly kind: 'neutral' }
  | { readonly kind: 'other' };

const fileHashes: Record<string, IndicatorType> = {
  md5: 'md5',
  'sha-1': 'sha1',
  sha1: 'sha1',
  'sha-256': 'sha256',
  sha256: 'sha256',
};

const simple: Record<string, IndicatorType> = {
  'ipv4-addr:value': 'cidr',
  'ipv6-addr:value': 'cidr',
  'domain-name:value': 'domain',
  'url:value': 'url',
  'email-addr:value': 'email',
  'email-message:from_ref.value': 'email',
  'email-message:sender_ref.value': 'email',
};

/** No STIX type exists for TLS fingerprints; custom ones (`x-ja3:value`, `x-ja3s-hash:md5`) are read. */
const fingerprintTypeRe = /^(?:x-)?(?:[a-z0-9]+-)*?(ja3s|ja3|ja4)(?:-[a-z0-9]+)*$/;
const fingerprintProps = new Set(['value', 'hash', 'md5', 'fingerprint']);

/** Classifies an object path (ip and CIDR values are both typed `cidr`; normalisation tells them apart). */
export function classifyPath(path: ObjectPath): PathClass {
  const objectType = path.objectType.toLowerCase();
  const props = path.steps.map((s) => (s.kind === 'prop' ? s.name : '[]'));
  const key = `${objectType}:${props.join('.')}`;
  const direct = simple[key];
  if (direct) return { kind: 'value', type: direct, objectType, portable: false };
  const last = props[props.length - 1]?.toLowerCase() ?? '';
  if (props.length === 2 && props[0] === 'hashes') {
    const hash = fileHashes[last];
    if (objectType === 'file' && hash) return { kind: 'value', type: hash, objectType, portable: false };
    if (objectType === 'x509-certificate' && hash)
      return { kind: 'value', type: 'x509', objectType, portable: false };
  }
  if (objectType === 'network-traffic') {
    if (key === 'network-traffic:dst_ref.value')
      return { kind: 'value', type: 'domain', objectType, portable: true };
    if (key === 'network-traffic:dst_port') return { kind: 'port' };
    if (key === 'network-traffic:dst_ref.type') return { kind: 'neutral' };
    const fp = /^(ja3s|ja3|ja4)$/.exec(last);
    if (fp?.[1] && props[0] === 'extensions') return fingerprint(fp[1], objectType);
  }
  const fp = fingerprintTypeRe.exec(objectType);
  if (fp?.[1] && props.length === 1 && fingerprintProps.has(last)) return fingerprint(fp[1], objectType);
  return { kind: 'other' };
}

function fingerprint(name: string, objectType: string): PathClass {
  return { kind: 'value', type: name as IndicatorType, objectType, portable: false };
}
