import type { IndicatorType } from '../../model.js';

/** How one MISP attribute type becomes records. */
export type AttributeHandling =
  /** An IP address or CIDR (`ip-dst`, `ip-src`). */
  | { readonly as: 'address' }
  /** `ip-dst|port`, `ip-src|port`. */
  | { readonly as: 'address-port' }
  /** A domain or host name. */
  | { readonly as: 'host' }
  /** `hostname|port`, `domain|port`: the port goes in the description (the model keeps ports for IPs only). */
  | { readonly as: 'host-port' }
  /** `domain|ip`: two indicators. */
  | { readonly as: 'host-address' }
  /** `url`, and `uri` when it is absolute (else an observable). */
  | { readonly as: 'url' }
  /** A value normalised as one indicator type (hashes, e-mail addresses, JA3, certificate fingerprints). */
  | { readonly as: 'typed'; readonly type: IndicatorType }
  /** `filename|md5` and friends: the hash an indicator, the file name an observable. */
  | { readonly as: 'file-hash'; readonly type: IndicatorType }
  /** Context that is neither an indicator nor an observable (links, sizes, entropy…). */
  | { readonly as: 'skip'; readonly reason: string }
  /** Kept as an observable whose kind is the MISP type. */
  | { readonly as: 'observable'; readonly reason: string };

const notNetwork = 'not matchable in network data';
const noModelType = (what: string) => `${what} is not an indicator type of the knowledge base yet`;

const table: Readonly<Record<string, AttributeHandling>> = {
  'ip-dst': { as: 'address' },
  'ip-src': { as: 'address' },
  'ip-dst|port': { as: 'address-port' },
  'ip-src|port': { as: 'address-port' },
  domain: { as: 'host' },
  hostname: { as: 'host' },
  'hostname|port': { as: 'host-port' },
  'domain|port': { as: 'host-port' },
  'domain|ip': { as: 'host-address' },
  url: { as: 'url' },
  uri: { as: 'url' },
  md5: { as: 'typed', type: 'md5' },
  sha1: { as: 'typed', type: 'sha1' },
  sha256: { as: 'typed', type: 'sha256' },
  'filename|md5': { as: 'file-hash', type: 'md5' },
  'filename|sha1': { as: 'file-hash', type: 'sha1' },
  'filename|sha256': { as: 'file-hash', type: 'sha256' },
  'malware-sample': { as: 'file-hash', type: 'md5' },
  email: { as: 'typed', type: 'email' },
  'email-src': { as: 'typed', type: 'email' },
  'email-dst': { as: 'typed', type: 'email' },
  'email-reply-to': { as: 'typed', type: 'email' },
  'ja3-fingerprint-md5': { as: 'typed', type: 'ja3' },
  'x509-fingerprint-md5': { as: 'typed', type: 'x509' },
  'x509-fingerprint-sha1': { as: 'typed', type: 'x509' },
  'x509-fingerprint-sha256': { as: 'typed', type: 'x509' },
  'hassh-md5': { as: 'observable', reason: noModelType('HASSH') },
  'hasshserver-md5': { as: 'observable', reason: noModelType('HASSH') },
  'jarm-fingerprint': { as: 'observable', reason: noModelType('JARM') },
  'user-agent': { as: 'observable', reason: noModelType('a user agent') },
  AS: { as: 'observable', reason: noModelType('an autonomous system') },
  'email-src-display-name': { as: 'observable', reason: 'a display name, not an address' },
  'email-dst-display-name': { as: 'observable', reason: 'a display name, not an address' },
  link: { as: 'skip', reason: 'a reference to a document, kept on the report' },
  port: { as: 'skip', reason: 'a port alone; ip-port objects attach it to their address' },
  float: { as: 'skip', reason: 'a number (entropy)' },
  'size-in-bytes': { as: 'skip', reason: 'a file size' },
  counter: { as: 'skip', reason: 'a number' },
  integer: { as: 'skip', reason: 'a number' },
  boolean: { as: 'skip', reason: 'a flag' },
  datetime: { as: 'skip', reason: 'a time' },
  'mime-type': { as: 'skip', reason: 'a file type' },
};

/** How attributes of `type` are read; types not listed become observables. */
export function attributeHandling(type: string): AttributeHandling {
  return Object.hasOwn(table, type)
    ? (table[type] as AttributeHandling)
    : { as: 'observable', reason: `MISP ${type} attribute: ${notNetwork}` };
}
