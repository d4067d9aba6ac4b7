import { type IndicatorType, indicatorTypes, type WarninglistRecord } from '../model.js';

const ipTypes: readonly IndicatorType[] = ['ipv4', 'ipv6', 'cidr'];
const hostTypes: readonly IndicatorType[] = ['domain', 'url'];

/** MISP attribute types a list may name in `matching_attributes`, and the indicator types they cover. */
const attributeTypes: Readonly<Record<string, readonly IndicatorType[]>> = {
  'ip-src': ipTypes,
  'ip-dst': ipTypes,
  'ip-src|port': ipTypes,
  'ip-dst|port': ipTypes,
  'domain|ip': ['domain', ...ipTypes],
  hostname: hostTypes,
  domain: hostTypes,
  'hostname|port': ['domain'],
  url: ['url'],
  uri: ['url'],
  link: ['url'],
  md5: ['md5'],
  'filename|md5': ['md5'],
  sha1: ['sha1'],
  'filename|sha1': ['sha1'],
  sha256: ['sha256'],
  'filename|sha256': ['sha256'],
  'email-src': ['email'],
  'email-dst': ['email'],
  email: ['email'],
  'email-reply-to': ['email'],
  'ja3-fingerprint-md5': ['ja3'],
  'x509-fingerprint-md5': ['x509'],
  'x509-fingerprint-sha1': ['x509'],
  'x509-fingerprint-sha256': ['x509'],
};

/** What each match type can compare at all: a CIDR list cannot hold a domain, whatever it claims. */
const typeCapability: Readonly<Record<WarninglistRecord['matchType'], readonly IndicatorType[]>> = {
  cidr: ipTypes,
  hostname: hostTypes,
  string: indicatorTypes,
  substring: indicatorTypes,
  regex: indicatorTypes,
};

/**
 * The indicator types a list applies to: those its `matching_attributes` name, limited to what its
 * match type can compare; a list naming no attributes applies to every type it can compare (as MISP does).
 */
export function warninglistScope(
  list: Pick<WarninglistRecord, 'matchType' | 'matchingAttributes'>,
): ReadonlySet<IndicatorType> {
  const capable = new Set(typeCapability[list.matchType]);
  if (list.matchingAttributes.length === 0) return capable;
  const scope = new Set<IndicatorType>();
  for (const attr of list.matchingAttributes) {
    const types = Object.hasOwn(attributeTypes, attr) ? attributeTypes[attr] : undefined;
    for (const t of types ?? []) if (capable.has(t)) scope.add(t);
  }
  return scope;
}
